import type { EachMessagePayload } from 'kafkajs';
import type { Logger } from 'pino';
import { createBroadcastFeed, replicaGroupSuffix, type BroadcastFeed } from '@taskwire/platform/broadcast-feed';
import { decodeEnvelope, parseEvent, topics } from '@taskwire/platform/events';
import type { KafkaConfig } from '@taskwire/platform/kafka';
import type { SubscriptionHub } from '@taskwire/platform/subscription-hub';
import type { Kysely } from 'kysely';
import type { TasksDatabase } from '../db/database.js';
import { findMembers } from '../modules/project/project.repository.js';
import {
  projectsOf,
  taskChangeEventTypes,
  taskChangeFromEvent,
  type TaskChangeModel,
} from '../modules/task-change/task-change.model.js';

export type TaskChangeHub = SubscriptionHub<TaskChangeModel>;

/**
 * Tells `change` to the current members of its project(s) who have a subscription open on
 * this replica. Membership is read from the tasks database at this moment, so a member removed
 * before the change is not told, whatever the order of events on Kafka.
 */
export async function publishChange(
  db: Kysely<TasksDatabase>,
  hub: TaskChangeHub,
  change: TaskChangeModel,
): Promise<number> {
  if (hub.size() === 0) return 0;
  const members = await findMembers(db, projectsOf(change));
  const told = new Set(members.map((m) => m.user_id).filter((userId) => hub.has(userId)));
  for (const userId of told) hub.publish(userId, change);
  return told.size;
}

/**
 * Feeds task changes from `task-events` into this replica's hub through a per-replica group
 * (platform/src/broadcast-feed.ts): best effort, like every subscription here.
 */
export function createTaskChangeFeed(options: {
  brokers: string[];
  db: Kysely<TasksDatabase>;
  hub: TaskChangeHub;
  logger: Logger;
  topic?: string;
  onEvent?: () => void;
  kafka?: Pick<KafkaConfig, 'socketFactory' | 'requestTimeout'>;
}): BroadcastFeed {
  const wanted = new Set<string>(taskChangeEventTypes);
  const handleMessage = async ({ message }: EachMessagePayload) => {
    if (!message.value) return;
    try {
      const envelope = decodeEnvelope(message.value);
      if (!wanted.has(envelope.type)) return; // tags, reminders
      const change = taskChangeFromEvent(parseEvent(envelope));
      if (!change) return;
      options.onEvent?.();
      await publishChange(options.db, options.hub, change);
    } catch (error) {
      options.logger.warn({ err: error, offset: message.offset }, 'task change not delivered to subscriptions');
    }
  };
  return createBroadcastFeed({
    brokers: options.brokers,
    logger: options.logger,
    clientId: 'tasks-subscriptions',
    groupId: `tasks-subs-${replicaGroupSuffix()}`,
    topics: [options.topic ?? topics.task],
    onMessage: handleMessage,
    ...(options.kafka ? { kafka: options.kafka } : {}),
  });
}
