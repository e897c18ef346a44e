import { z } from 'zod';
import { envelopeSchema, eventContract, isEventType, type EventEnvelope, type EventOf } from './contract.js';

/**
 * Why a message does not satisfy the contract; the consumer runner writes it to the
 * dead-letter message's `x-error-kind` header.
 */
export type EventErrorKind = 'undecodable' | 'unknown-type' | 'unknown-version' | 'invalid-payload';

export class EventContractError extends Error {
  override name = 'EventContractError';
  constructor(
    readonly kind: EventErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a Kafka message value as an envelope (JSON, envelope fields); the payload is not checked yet.
 * @throws EventContractError `undecodable`.
 */
export function decodeEnvelope(value: Buffer | string | null): EventEnvelope {
  if (value === null) throw new EventContractError('undecodable', 'message has no value (expected a JSON envelope)');
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    throw new EventContractError('undecodable', `message value is not JSON: ${(error as Error).message}`);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    throw new EventContractError('undecodable', `not an event envelope: ${z.prettifyError(envelope.error)}`);
  return envelope.data;
}

/**
 * Checks an envelope's type, version and payload against the contract.
 * @throws EventContractError `unknown-type`, `unknown-version` or `invalid-payload`.
 */
export function parseEvent(envelope: EventEnvelope): EventOf {
  const { type, version } = envelope;
  if (!isEventType(type)) throw new EventContractError('unknown-type', `event type ${type} is not in the contract`);
  const definition = eventContract[type];
  if (version !== definition.version)
    throw new EventContractError(
      'unknown-version',
      `${type} version ${version} is not supported (expected ${definition.version})`,
    );
  const data = definition.data.safeParse(envelope.data);
  if (!data.success)
    throw new EventContractError(
      'invalid-payload',
      `${type} v${version} ${envelope.id}: ${z.prettifyError(data.error)}`.slice(0, 1500),
    );
  return { ...envelope, data: data.data } as EventOf;
}

/** `decodeEnvelope` then `parseEvent`. */
export function parseEventMessage(value: Buffer | string | null): EventOf {
  return parseEvent(decodeEnvelope(value));
}
