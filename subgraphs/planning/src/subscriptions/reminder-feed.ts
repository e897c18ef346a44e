import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import { decodeEnvelope, parseEvent, topics } from '@taskwire/platform/events';
import { createKafka } from '@taskwire/platform/kafka';
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
 * without offsets leaves nothing behind in the broker.
 */
export function createReminderFeed(options: {
  brokers: string[];
  hub: ReminderHub;
  logger: Logger;
  topic?: string;
  groupId?: string;
  onEvent?: () => void;
}): ReminderFeed {
  const groupId = options.groupId ?? `planning-subs-${os.hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const kafka = createKafka({ brokers: options.brokers, clientId: 'planning-subscriptions', logger: options.logger });
  let consumer: Consumer | null = null;
  let joined = false;
  return {
    groupId,
    ready: () => joined,
    async start() {
      consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 250 });
      const c = consumer;
      const joinedOnce = new Promise<void>((resolve) => {
        c.on(c.events.GROUP_JOIN, () => {
          joined = true;
          resolve();
        });
      });
      c.on(c.events.CRASH, () => {
        joined = false;
      });
      c.on(c.events.STOP, () => {
        joined = false;
      });
      await c.connect();
      await c.subscribe({ topics: [options.topic ?? topics.reminder], fromBeginning: false });
      await c.run({
        autoCommit: false,
        eachMessage: async ({ message }) => {
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
            options.logger.warn(
              { err: error, offset: message.offset },
              'reminder event not matching the contract skipped',
            );
          }
        },
      });
      void joinedOnce;
    },
    async stop() {
      joined = false;
      await consumer?.disconnect();
      consumer = null;
    },
  };
}
