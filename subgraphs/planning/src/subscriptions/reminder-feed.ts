import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import type { Logger } from 'pino';
import { decodeEnvelope, parseEvent, topics } from '@taskwire/platform/events';
import { createKafka, createKafkaClientReplacer, onRequestTimeout, type KafkaConfig } from '@taskwire/platform/kafka';
import { notificationFromEvent, type ReminderHub } from './reminder-hub.js';

export interface ReminderFeed {
  /** Joins a consumer group of its own (`ready()` turns true once it owns its partitions). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while the group owns the topic's partitions (events from now on are seen). */
  ready(): boolean;
  groupId: string;
}

/**
 * Feeds `reminder.due` into this replica's hub. Every replica must see every user's events
 * (a user's sockets may be on any replica), so each process consumes with a consumer group
 * of its own, from the latest offset, and commits nothing: delivery over a subscription is
 * best effort (the notifier e-mails what no live client acknowledged), and an unused group
 * without offsets leaves nothing behind in the broker. A request that times out replaces the
 * consumer with a new one (onRequestTimeout in platform/src/kafka.ts says why).
 */
export function createReminderFeed(options: {
  brokers: string[];
  hub: ReminderHub;
  logger: Logger;
  topic?: string;
  groupId?: string;
  onEvent?: () => void;
  /** More kafkajs client settings (tests: a socket factory through a proxy, a short request timeout). */
  kafka?: Pick<KafkaConfig, 'socketFactory' | 'requestTimeout'>;
}): ReminderFeed {
  const groupId = options.groupId ?? `planning-subs-${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const kafka = createKafka({
    brokers: options.brokers,
    clientId: 'planning-subscriptions',
    logger: options.logger,
    ...options.kafka,
  });
  let consumer: Consumer | null = null;
  let joined = false;
  let stopped = true;

  const handleMessage = ({ message }: EachMessagePayload) => {
    if (!message.value) return;
    try {
      const envelope = decodeEnvelope(message.value);
      if (envelope.type !== 'reminder.due') return; // e.g. reminder.acknowledged
      const event = parseEvent(envelope);
      if (event.type !== 'reminder.due') return;
      options.onEvent?.();
      options.hub.publish(event.userId, notificationFromEvent(event));
    } catch (error) {
      // No DLQ here: this feed commits nothing and is best effort (the notifier is the safety net).
      options.logger.warn({ err: error, offset: message.offset }, 'reminder event not matching the contract skipped');
    }
  };

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
      await c.subscribe({ topics: [options.topic ?? topics.reminder], fromBeginning: false });
      await c.run({ autoCommit: false, eachMessage: async (payload) => handleMessage(payload) });
    } catch (error) {
      await c.disconnect().catch(() => undefined);
      throw error;
    }
  };

  const replacer = createKafkaClientReplacer({
    logger: options.logger,
    message: 'reminder feed: a Kafka request timed out; replacing its consumer',
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
