import { Kafka, logLevel, Partitioners, type Producer, type KafkaConfig } from 'kafkajs';
import type { Logger } from 'pino';

/** A kafkajs client whose logs go through pino. */
export function createKafka(
  options: { brokers: string[]; clientId: string; logger?: Logger } & Partial<KafkaConfig>,
): Kafka {
  const { brokers, clientId, logger, ...rest } = options;
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 200, retries: 8 },
    logCreator: () => (entry) => {
      if (!logger) return;
      const { message, ...extra } = entry.log;
      const level = entry.level <= logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'debug';
      logger[level]({ kafka: entry.namespace, ...extra }, message);
    },
    ...rest,
  });
}

/**
 * A producer for events: acks=all on every send (the caller passes `acks: -1`), one
 * in-flight request so retries cannot reorder messages of a key, and the classic
 * murmur2 partitioner (what Java clients use), chosen explicitly.
 */
export function createEventProducer(kafka: Kafka): Producer {
  return kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
}
