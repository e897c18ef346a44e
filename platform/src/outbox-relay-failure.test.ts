import { KafkaJSConnectionError } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { isKafkaError, planRoundFailure } from './outbox-relay-failure.js';

const backoff = { initialBackoffMs: 200, maxBackoffMs: 1000 };

describe('planRoundFailure', () => {
  it('keeps a healthy session when Kafka failed', () => {
    const plan = planRoundFailure({
      error: new KafkaJSConnectionError('broker down'),
      failures: 1,
      sessionHealthy: true,
      ...backoff,
    });
    expect(plan).toEqual({ delayMs: 200, closeSession: false, replaceProducer: false });
  });

  it('replaces the session after any other error, or when it is already lost', () => {
    expect(
      planRoundFailure({ error: new Error('query timeout'), failures: 1, sessionHealthy: true, ...backoff })
        .closeSession,
    ).toBe(true);
    expect(
      planRoundFailure({ error: new KafkaJSConnectionError('x'), failures: 1, sessionHealthy: false, ...backoff })
        .closeSession,
    ).toBe(true);
  });

  it('backs off exponentially up to the bound and reconnects the producer from the third failure', () => {
    const plans = [1, 2, 3, 4].map((failures) =>
      planRoundFailure({ error: new KafkaJSConnectionError('x'), failures, sessionHealthy: true, ...backoff }),
    );
    expect(plans.map((p) => p.delayMs)).toEqual([200, 400, 800, 1000]);
    expect(plans.map((p) => p.replaceProducer)).toEqual([false, false, true, true]);
  });
});

describe('isKafkaError', () => {
  it('recognises kafkajs errors by name only', () => {
    expect(isKafkaError(new KafkaJSConnectionError('x'))).toBe(true);
    expect(isKafkaError(new Error('KafkaJS in the message is not enough'))).toBe(false);
    expect(isKafkaError('KafkaJSError')).toBe(false);
  });
});
