import type { EachMessagePayload } from 'kafkajs';
import type { Logger } from 'pino';
import { createBroadcastFeed, replicaGroupSuffix, type BroadcastFeed } from '@taskwire/platform/broadcast-feed';
import { decodeEnvelope, parseEvent, topics } from '@taskwire/platform/events';
import type { KafkaConfig } from '@taskwire/platform/kafka';
import { notificationFromEvent, type ReminderHub } from './reminder-hub.js';

export type ReminderFeed = BroadcastFeed;

/**
 * Feeds `reminder.due` into this replica's hub through a per-replica group
 * (platform/src/broadcast-feed.ts): best effort, the notifier e-mails what no live client
 * acknowledged.
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
      options.logger.warn({ err: error, offset: message.offset }, 'reminder event not matching the contract skipped');
    }
  };
  return createBroadcastFeed({
    brokers: options.brokers,
    logger: options.logger,
    clientId: 'planning-subscriptions',
    groupId: options.groupId ?? `planning-subs-${replicaGroupSuffix()}`,
    topics: [options.topic ?? topics.reminder],
    onMessage: handleMessage,
    ...(options.kafka ? { kafka: options.kafka } : {}),
  });
}
