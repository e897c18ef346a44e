import type { Kysely } from 'kysely';
import type { ConsumerRunnerOptions, EventHandler } from './consumer-runner.js';
import type { HandledItem } from './consumer-runner-messages.js';
import type { EventType } from './events/index.js';
import { claimEvent, claimEvents } from './inbox.js';
import { traceConsumed } from './trace-context.js';

/** The batched handler of a consumer, as its options declare it. */
export type BatchHandler<DB, T extends EventType> = NonNullable<ConsumerRunnerOptions<DB, T>['handleBatch']>;

/**
 * Claims one event in `consumer`'s inbox and applies it, in one transaction, under the
 * event's CONSUMER span. Throws what the handler throws (effect and claim roll back).
 * @returns true when applied now; false when the inbox had it already (a redelivery).
 */
export async function applyClaimedEvent<DB, T extends EventType>(
  db: Kysely<DB>,
  consumer: string,
  item: HandledItem<T>,
  handle: EventHandler<DB, T>,
): Promise<boolean> {
  const { event, meta } = item;
  return db.transaction().execute(async (trx) => {
    if (!(await claimEvent(trx, consumer, event.id))) return false;
    await traceConsumed(consumer, [item], () => handle(trx, event, meta));
    return true;
  });
}

/**
 * Claims `items` in `consumer`'s inbox and passes the newly claimed ones to `handleBatch`, in
 * one transaction. Throws what the handler throws (effects and claims roll back).
 * @returns how many events were applied now (the rest were redeliveries).
 */
export async function applyClaimedBatch<DB, T extends EventType>(
  db: Kysely<DB>,
  consumer: string,
  items: ReadonlyArray<HandledItem<T>>,
  handleBatch: BatchHandler<DB, T>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const claimed = await claimEvents(
      trx,
      consumer,
      items.map((i) => i.event.id),
    );
    const fresh = items.filter((i) => claimed.has(i.event.id));
    if (fresh.length > 0)
      await traceConsumed(consumer, fresh, () =>
        handleBatch(
          trx,
          fresh.map(({ event, meta }) => ({ event, meta })),
        ),
      );
    return fresh.length;
  });
}
