import { uuidv7 } from 'uuidv7';

/**
 * The event envelope every producer writes and every consumer reads (schema/EVENTS.md).
 * Kafka key = aggregate id (task id; user id for reminder deliveries).
 */
export interface EventEnvelope<TData = unknown> {
  /** uuid v7: unique per event, time-ordered. */
  id: string;
  /** e.g. `task.created`. */
  type: string;
  /** Payload schema version of this type. */
  version: number;
  /** RFC 3339 time of the change. */
  occurredAt: string;
  /** User id of who caused it, or null for the system (scheduler, recurrence). */
  actor: string | null;
  /** Aggregate id (task id). */
  subject: string;
  /** Owner of the aggregate: consumers scope effects and reads by it. */
  userId: string;
  data: TData;
  /** W3C trace context of the request that caused it, when there was one. */
  traceparent: string | null;
  /** Correlation id of the request (x-request-id), when there was one. */
  correlationId: string | null;
}

export interface NewEvent<TData = unknown> {
  topic: string;
  /** Kafka key; defaults to `subject`. */
  key?: string;
  type: string;
  version?: number;
  actor: string | null;
  subject: string;
  userId: string;
  data: TData;
  occurredAt?: Date;
  traceparent?: string | null;
  correlationId?: string | null;
}

/** Builds an envelope with a fresh uuid v7. */
export function buildEnvelope<TData>(event: NewEvent<TData>): EventEnvelope<TData> {
  return {
    id: uuidv7(),
    type: event.type,
    version: event.version ?? 1,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    actor: event.actor,
    subject: event.subject,
    userId: event.userId,
    data: event.data,
    traceparent: event.traceparent ?? null,
    correlationId: event.correlationId ?? null,
  };
}

export class EventDecodeError extends Error {
  override name = 'EventDecodeError';
}

/**
 * Parses a Kafka message value into an envelope.
 * @throws EventDecodeError saying which field was missing or of the wrong type.
 */
export function decodeEnvelope(value: Buffer | string | null): EventEnvelope {
  if (value === null) throw new EventDecodeError('message has no value (expected a JSON event envelope)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    throw new EventDecodeError(`message value is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new EventDecodeError('envelope must be a JSON object');
  const e = parsed as Record<string, unknown>;
  for (const field of ['id', 'type', 'occurredAt', 'subject', 'userId'] as const) {
    if (typeof e[field] !== 'string' || e[field].length === 0) {
      throw new EventDecodeError(`envelope.${field} must be a non-empty string, got ${JSON.stringify(e[field])}`);
    }
  }
  if (typeof e.version !== 'number')
    throw new EventDecodeError(`envelope.version must be a number, got ${JSON.stringify(e.version)}`);
  if (typeof e.data !== 'object' || e.data === null) throw new EventDecodeError('envelope.data must be an object');
  return parsed as EventEnvelope;
}
