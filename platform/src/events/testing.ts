import { uuidv7 } from 'uuidv7';
import type { EventEnvelope } from './contract.js';

/**
 * For tests of the unhappy path only: an envelope that the contract has NOT checked (any
 * type, version or payload). Producers use `buildEvent`.
 */
export function rawEnvelope(
  fields: Partial<EventEnvelope> & Pick<EventEnvelope, 'type' | 'subject' | 'userId'>,
): EventEnvelope {
  return {
    id: uuidv7(),
    version: 1,
    occurredAt: new Date().toISOString(),
    actor: null,
    data: {},
    traceparent: null,
    correlationId: null,
    ...fields,
  };
}
