import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import type { Logger } from 'pino';
import { createKafka, createKafkaClientReplacer, onRequestTimeout, type KafkaConfig } from './kafka.js';

/** A per-replica Kafka feed for the subscriptions served by one process (createBroadcastFeed). */
export interface BroadcastFeed {
  /** Joins a consumer group of its own (`ready()` turns true once it owns its partitions). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while the group owns the topics' partitions (events from now on are seen). */
  ready(): boolean;
  groupId: string;
}

/**
 * The part of a per-replica group id that tells replicas apart: host, pid and a random tail.
 * Callers write their prefix before it (`planning-subs-${replicaGroupSuffix()}`), so the
 * operators' lag alerts can leave such groups out by prefix (k8s/components/monitoring).
 */
export function replicaGroupSuffix(): string {
  return `${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Feeds every message of `topics` to `onMessage` in this process. Every replica must see every
 * event (a user's sockets may be on any replica), so each process consumes with a consumer
 * group of its own, from the latest offset, and commits nothing: delivery over a subscription
 * is best effort, and an unused group without offsets leaves nothing behind in the broker. A
 * request that times out replaces the consumer with a new one (onRequestTimeout in kafka.ts
 * says why). `onMessage` must not throw for a message it cannot use: it logs and skips it (no
 * dead-letter topic here: nothing is committed).
 */
export function createBroadcastFeed(options: {
  brokers: string[];
  logger: Logger;
  clientId: string;
  /** A per-replica group id (prefix + replicaGroupSuffix()). */
  groupId: string;
  topics: string[];
  onMessage: (payload: EachMessagePayload) => void | Promise<void>;
  /** More kafkajs client settings (tests: a socket factory through a proxy, a short request timeout). */
  kafka?: Pick<KafkaConfig, 'socketFactory' | 'requestTimeout'>;
}): BroadcastFeed {
  const { groupId } = options;
  const kafka = createKafka({
    brokers: options.brokers,
    clientId: options.clientId,
    logger: options.logger,
    ...options.kafka,
  });
  let consumer: Consumer | null = null;
  let joined = false;
  let stopped = true;

  /** Runs a new kafkajs consumer (new connections) in the feed's group. */
  const run = async () => {
    const c = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250 });
    consumer = c;
    c.on(c.events.GROUP_JOIN, () => {
      if (c === consumer) joined = true;
    });
    for (const left of [c.events.CRASH, c.events.STOP] as const) {
      c.on(left, () => {
        if (c === consumer) joined = false;
      });
    }
    onRequestTimeout(c, (apiName) => {
      if (c === consumer) replace(c, apiName);
    });
    try {
      await c.connect();
      await c.subscribe({ topics: options.topics, fromBeginning: false });
      await c.run({ autoCommit: false, eachMessage: async (payload) => options.onMessage(payload) });
    } catch (error) {
      await c.disconnect().catch(() => undefined);
      throw error;
    }
  };

  const replacer = createKafkaClientReplacer({
    logger: options.logger,
    message: `${options.clientId} feed: a Kafka request timed out; replacing its consumer`,
    isActive: () => !stopped,
    onReplace: () => {
      joined = false;
    },
  });
  /** A request of `stalled` timed out: its connections may be spoiled (onRequestTimeout); use a new consumer. */
  const replace = (stalled: Consumer, apiName: string) => {
    void replacer.replace(apiName, { stopOld: () => stalled.disconnect(), startNew: run });
  };

  return {
    groupId,
    ready: () => joined,
    async start() {
      stopped = false;
      await run();
    },
    async stop() {
      stopped = true;
      joined = false;
      await replacer.settled();
      await consumer?.disconnect();
      consumer = null;
    },
  };
}
