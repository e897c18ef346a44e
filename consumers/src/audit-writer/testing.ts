// Helpers for the audit-writer's integration tests and benchmark (not used in production).
import type { Admin, Kafka, Producer } from 'kafkajs';
import { buildEvent, type EventEnvelope, type EventOf, type TaskSnapshot } from '@taskwire/platform/events';

/** Creates `topic` (partitions as given) and `<topic>.dlq` (1 partition). */
export async function createPrivateTopics(admin: Admin, topic: string, partitions = 3): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: partitions, replicationFactor: 1 },
      { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
    ],
  });
}

export async function deleteTopics(admin: Admin, topic: string): Promise<void> {
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
}

/** Publishes envelopes keyed by their task id (acks=all), in order per task. */
export async function publish(
  producer: Producer,
  topic: string,
  events: ReadonlyArray<EventEnvelope>,
  chunk = 1_000,
): Promise<void> {
  for (let i = 0; i < events.length; i += chunk) {
    await producer.send({
      topic,
      acks: -1,
      messages: events.slice(i, i + chunk).map((e) => ({ key: e.subject, value: JSON.stringify(e) })),
    });
  }
}

/** True when group `groupId` has committed up to the high watermark of every partition of `topic`. */
export async function caughtUp(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const byPartition = new Map(committed[0]?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
  return ends.every((p) => Number(p.high) === 0 || (byPartition.get(p.partition) ?? -1) >= Number(p.high));
}

/** A minimal, contract-conforming task snapshot. */
export function taskSnapshot(taskId: string, userId: string, overrides: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return {
    id: taskId,
    userId,
    title: 'Task',
    description: null,
    priority: 'MEDIUM',
    status: 'OPEN',
    dueAt: null,
    dueDate: null,
    completedAt: null,
    recurrence: null,
    seriesId: null,
    occurrence: null,
    seriesStart: null,
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

/** A `task.updated` event with one title change (cheap filler for bursts). */
export function titleUpdate(taskId: string, userId: string, n: number): EventOf<'task.updated'> {
  return buildEvent('task.updated', {
    actor: userId,
    subject: taskId,
    userId,
    data: {
      task: taskSnapshot(taskId, userId, { title: `t${n}` }),
      changes: [{ field: 'title', old: `t${n - 1}`, new: `t${n}` }],
    },
  }).envelope;
}

export type { Kafka };
