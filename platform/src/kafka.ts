import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, Partitioners, type Consumer, type Producer, type KafkaConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelayMs } from './backoff.js';

export type { KafkaConfig };

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

/**
 * Calls `onTimeout` when a request of `client` times out. A kafkajs `Connection` object keeps
 * its receive buffer and its old socket's `data` listener when it reconnects (kafkajs 2.2.4,
 * src/network/connection.js; tulios/kafkajs#919): bytes that arrive late on the old socket after
 * a network fault (a black hole that ended), or a response cut by a reset, shift the framing of
 * every later response, and each request on that connection times out. kafkajs retries on it and,
 * when it restarts a crashed consumer, reconnects the same objects, so it may never recover. A
 * new kafkajs client (`kafka.consumer()`, `kafka.producer()`) has new connection objects: replace
 * the client whose request timed out (the consumer runner and the per-replica feeds do).
 */
export function onRequestTimeout(client: Consumer | Producer, onTimeout: (apiName: string) => void): void {
  if ('subscribe' in client) client.on(client.events.REQUEST_TIMEOUT, (event) => onTimeout(event.payload.apiName));
  else client.on(client.events.REQUEST_TIMEOUT, (event) => onTimeout(event.payload.apiName));
}

/**
 * Replaces a kafkajs client whose request timed out (onRequestTimeout): gives the old one
 * `stopWaitMs` to stop cleanly (its stop waits for requests on the spoiled connections, up to
 * their timeouts; it goes on finishing in the background), then starts a new one, retrying with
 * backoff until one runs or `active()` turns false. `startNew` cleans up after its own failure.
 * Its owners call it through createKafkaClientReplacer, which keeps one replacement at a time.
 */
async function replaceKafkaClient(options: {
  stopOld: () => Promise<unknown>;
  startNew: (attempt: number) => Promise<void>;
  active: () => boolean;
  logger: Logger;
  stopWaitMs?: number;
}): Promise<void> {
  const stopped = options.stopOld().catch(() => undefined);
  await Promise.race([stopped, sleep(options.stopWaitMs ?? 5_000)]);
  for (let attempt = 1; options.active(); attempt++) {
    try {
      await options.startNew(attempt);
      options.logger.info({ attempt }, 'Kafka client replaced');
      return;
    } catch (error) {
      options.logger.warn({ err: error, attempt }, 'replacement Kafka client failed to start; retrying');
      await sleep(backoffDelayMs(attempt, { baseMs: 500, maxMs: 10_000, jitter: true }));
    }
  }
}

/** The old and the new client of one replacement (see replaceKafkaClient). */
export interface KafkaClientReplacement {
  /** Stops the client whose request timed out; it is given 5 s before the new one starts. */
  stopOld: () => Promise<unknown>;
  /** Starts a new client (`attempt` from 1), cleaning up after its own failure; retried with backoff. */
  startNew: (attempt: number) => Promise<void>;
}

/** One owner's replacements of its kafkajs client (createKafkaClientReplacer). */
export interface KafkaClientReplacer {
  /**
   * A request of the current client (Kafka API `apiName`) timed out: logs `message`, calls
   * `onReplace` and replaces the client (replaceKafkaClient), unless the owner is inactive (then
   * nothing happens) or a replacement is already in flight (then this call joins it). Returns the
   * replacement in flight, if any; it does not reject.
   */
  replace(apiName: string, replacement: KafkaClientReplacement): Promise<void>;
  /** Resolves once no replacement is in flight (a stopping owner awaits it, then stops the client it left). */
  settled(): Promise<void>;
}

/**
 * The rule of replacing a kafkajs client whose request timed out (onRequestTimeout), for the
 * consumer runner and the per-replica feeds: one replacement at a time, and none once the
 * owner is no longer `isActive()` (a replacement in flight ends at its next attempt then).
 */
export function createKafkaClientReplacer(options: {
  logger: Logger;
  /** The warning logged when a replacement begins (with the timed-out `apiName`). */
  message: string;
  isActive: () => boolean;
  /** Called as a replacement begins, after the warning (metrics, readiness). */
  onReplace?: (apiName: string) => void;
}): KafkaClientReplacer {
  const { logger, isActive } = options;
  let inFlight: Promise<void> | undefined;
  return {
    replace(apiName, { stopOld, startNew }) {
      if (inFlight || !isActive()) return inFlight ?? Promise.resolve();
      logger.warn({ apiName }, options.message);
      options.onReplace?.(apiName);
      inFlight = replaceKafkaClient({ logger, active: isActive, stopOld, startNew }).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    settled: () => inFlight ?? Promise.resolve(),
  };
}
