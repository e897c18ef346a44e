import type { KafkaMessage } from 'kafkajs';
import type { MessageMeta } from './consumer-runner.js';
import { decodeEnvelope, parseEvent, type EventOf, type EventType } from './events/index.js';

/** A message of a handled type, parsed against the contract. */
export interface HandledItem<T extends EventType> {
  message: KafkaMessage;
  event: EventOf<T>;
  meta: MessageMeta;
}

/**
 * What the runner does with one message, decided before any transaction:
 * - `handled`: a handled type that passed the contract's schema; apply it.
 * - `skipped`: a type this consumer does not handle; commit past it.
 * - `dead-letter`: not an envelope, or a handled type with an unknown version or a payload
 *   that fails the schema; it never will parse, so it goes to the DLQ without retries.
 */
export type ClassifiedMessage<T extends EventType> =
  | { kind: 'handled'; message: KafkaMessage; item: HandledItem<T> }
  | { kind: 'skipped'; message: KafkaMessage; type: string }
  | { kind: 'dead-letter'; message: KafkaMessage; error: unknown };

/**
 * Decodes and parses `message` of `topic`/`partition` with the event contract and classifies
 * it (see ClassifiedMessage). Never throws: a contract error becomes `dead-letter`.
 */
export function classifyMessage<T extends EventType>(
  message: KafkaMessage,
  handledTypes: ReadonlySet<string>,
  topic: string,
  partition: number,
): ClassifiedMessage<T> {
  try {
    const envelope = decodeEnvelope(message.value);
    if (!handledTypes.has(envelope.type)) return { kind: 'skipped', message, type: envelope.type };
    const event = parseEvent(envelope) as EventOf<T>;
    return { kind: 'handled', message, item: { message, event, meta: { topic, partition, offset: message.offset } } };
  } catch (error) {
    return { kind: 'dead-letter', message, error };
  }
}

/** First occurrence of each event id, in order (a batch can carry relay duplicates). */
export function uniqueByEventId<T extends { event: { id: string } }>(items: ReadonlyArray<T>): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.event.id) ? false : (seen.add(item.event.id), true)));
}

/** One transaction's worth of a fetched batch, for `handleBatch`. */
export interface BatchChunk<T extends EventType> {
  /** Every message of the chunk in offset order: all are resolved once the chunk is applied. */
  messages: Array<ClassifiedMessage<T>>;
  /** Messages to dead-letter before the chunk's transaction. */
  deadLetters: Array<Extract<ClassifiedMessage<T>, { kind: 'dead-letter' }>>;
  /** Handled events to claim and apply in one transaction, without duplicate event ids. */
  items: Array<HandledItem<T>>;
}

/** Splits a classified batch into chunks of at most `maxBatchEvents` messages, in order. */
export function planBatchChunks<T extends EventType>(
  classified: ReadonlyArray<ClassifiedMessage<T>>,
  maxBatchEvents: number,
): Array<BatchChunk<T>> {
  const chunks: Array<BatchChunk<T>> = [];
  for (let start = 0; start < classified.length; start += maxBatchEvents) {
    const messages = classified.slice(start, start + maxBatchEvents);
    chunks.push({
      messages,
      deadLetters: messages.flatMap((c) => (c.kind === 'dead-letter' ? [c] : [])),
      items: uniqueByEventId(messages.flatMap((c) => (c.kind === 'handled' ? [c.item] : []))),
    });
  }
  return chunks;
}
