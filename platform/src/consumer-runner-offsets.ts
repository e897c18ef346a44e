import type { EachBatchPayload } from 'kafkajs';

/** The parts of a kafkajs batch payload that offset bookkeeping uses. */
export type OffsetPayload = Pick<
  EachBatchPayload,
  'resolveOffset' | 'heartbeat' | 'isStale' | 'commitOffsetsIfNecessary' | 'uncommittedOffsets'
>;

/** Offset bookkeeping of one partition batch (see createOffsetBook). */
export interface OffsetBook {
  /** Marks `offset` done: its effect is durable, or it was skipped or dead-lettered. */
  resolve(offset: string): void;
  /** Commits what was resolved, unless the partition was reassigned meanwhile. */
  commit(): Promise<void>;
  /** Heartbeats, and commits when `commitIntervalMs` passed since the last commit. */
  maybeCommit(): Promise<void>;
  /** The last resolved offset of this batch, if any. */
  lastResolved(): string | undefined;
}

/** Whether a commit is due `commitIntervalMs` after the last one. */
export function commitDue(lastCommitAtMs: number, nowMs: number, commitIntervalMs: number): boolean {
  return nowMs - lastCommitAtMs >= commitIntervalMs;
}

/**
 * Offset bookkeeping for one kafkajs batch with auto-commit off: only resolved offsets (what
 * is durable) are committed, periodically during the batch and once at its end.
 */
export function createOffsetBook(payload: OffsetPayload, commitIntervalMs: number): OffsetBook {
  const { resolveOffset, heartbeat, isStale, commitOffsetsIfNecessary, uncommittedOffsets } = payload;
  let lastCommitAt = Date.now();
  let lastResolved: string | undefined;

  async function commit(): Promise<void> {
    // Only what was resolved, i.e. what is durable; a stale partition belongs to someone else now.
    if (isStale()) return;
    await commitOffsetsIfNecessary(uncommittedOffsets());
    lastCommitAt = Date.now();
  }

  return {
    resolve(offset) {
      resolveOffset(offset);
      lastResolved = offset;
    },
    commit,
    async maybeCommit() {
      await heartbeat();
      if (commitDue(lastCommitAt, Date.now(), commitIntervalMs)) await commit();
    },
    lastResolved: () => lastResolved,
  };
}
