import { backoffDelayMs } from './backoff.js';

/** What the relay does after a failed round (see planRoundFailure). */
export interface RoundFailurePlan {
  /** Wait before the next round (exponential backoff over consecutive failures). */
  delayMs: number;
  /** End the database session; the next round opens a fresh one, re-LISTENs, re-takes the lock. */
  closeSession: boolean;
  /**
   * Drop the producer; the next round creates a new one. A new one, not the same one reconnected:
   * a kafkajs connection can stay unusable across its own reconnects (consumer-runner.ts).
   */
  replaceProducer: boolean;
}

/** Consecutive failures after which the producer is replaced. */
const producerResetFailures = 3;

/** Whether `error` came from kafkajs (its error classes are all named `KafkaJS…`). */
export function isKafkaError(error: unknown): boolean {
  return error instanceof Error && error.name.startsWith('KafkaJS');
}

/**
 * Decides the recovery after failure number `failures` (consecutive, 1-based). Anything but a
 * Kafka error may have left the session unusable (timeout, lost connection), so the session is
 * replaced unless it is known healthy and the error was Kafka's; a failed send may have left the
 * producer in a bad state, so repeated failures replace it.
 */
export function planRoundFailure(input: {
  error: unknown;
  failures: number;
  sessionHealthy: boolean;
  initialBackoffMs: number;
  maxBackoffMs: number;
}): RoundFailurePlan {
  const { error, failures, sessionHealthy } = input;
  return {
    delayMs: backoffDelayMs(failures, { baseMs: input.initialBackoffMs, maxMs: input.maxBackoffMs }),
    closeSession: !sessionHealthy || !isKafkaError(error),
    replaceProducer: failures >= producerResetFailures,
  };
}
