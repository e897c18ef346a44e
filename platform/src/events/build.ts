import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { eventContract, type EventData, type EventOf, type EventOrigin, type EventType } from './contract.js';

/** What a producer says about one event; the contract supplies topic, version and key. */
export interface EventInput<T extends EventType> extends EventOrigin {
  subject: string;
  userId: string;
  data: EventData<T>;
  /** Kafka key; defaults to the contract's key field of `T` (subject or userId). */
  key?: string;
  /** Defaults to the contract's topic of `T`; tests route to private topics with it. */
  topic?: string;
  occurredAt?: Date;
}

/** A built event as `enqueueEvents` writes it into the outbox. */
export interface NewEvent<T extends EventType = EventType> {
  topic: string;
  key: string;
  envelope: EventOf<T>;
}

/**
 * Builds event `type` with a fresh uuid v7. The payload is checked against the contract here,
 * so a producer bug fails the producing transaction instead of reaching every consumer's DLQ.
 * @throws Error naming the type and the mismatching fields.
 */
export function buildEvent<T extends EventType>(type: T, input: EventInput<T>): NewEvent<T> {
  const definition = eventContract[type];
  const checked = definition.data.safeParse(input.data);
  if (!checked.success) throw new Error(`${type}: data does not match the contract: ${z.prettifyError(checked.error)}`);
  const envelope = {
    id: uuidv7(),
    type,
    version: definition.version,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    actor: input.actor,
    subject: input.subject,
    userId: input.userId,
    data: checked.data,
    traceparent: input.traceparent ?? null,
    correlationId: input.correlationId ?? null,
  } as EventOf<T>;
  return { topic: input.topic ?? definition.topic, key: input.key ?? input[definition.key], envelope };
}
