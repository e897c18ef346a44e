import type { Message, Producer } from 'kafkajs';
import type { OutboxRow } from './outbox-relay.repository.js';
import { tracePublish } from './trace-context.js';

/** Header names the relay sets on every event message. */
export const eventHeaders = { type: 'x-event-type', id: 'x-event-id' } as const;

/** Kafka messages of outbox rows, in row (id) order, grouped by topic (order within a topic kept). */
export function toTopicMessages(rows: ReadonlyArray<OutboxRow>): Array<{ topic: string; messages: Message[] }> {
  const byTopic = new Map<string, Message[]>();
  for (const row of rows) {
    let messages = byTopic.get(row.topic);
    if (!messages) byTopic.set(row.topic, (messages = []));
    messages.push({
      key: row.key,
      value: row.envelope,
      headers: { [eventHeaders.type]: row.type, [eventHeaders.id]: row.event_id },
    });
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/**
 * Publishes `rows` with acks=all in one `sendBatch`, each message under its PRODUCER span
 * (trace-context.ts tracePublish). Throws the producer's error; nothing is then published for sure.
 */
export async function publishRows(producer: Producer, rows: ReadonlyArray<OutboxRow>): Promise<void> {
  // One sendBatch per round; the producer allows one in-flight request per broker, so a
  // retried request cannot overtake a later one and messages of a partition stay in id order.
  const topicMessages = toTopicMessages(rows);
  await tracePublish(topicMessages, () => producer.sendBatch({ acks: -1, topicMessages }));
}
