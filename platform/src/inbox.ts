import { sql, type Kysely, type Transaction } from 'kysely';

export interface ProcessedEventsTable {
  consumer: string;
  event_id: string;
  processed_at: import('kysely').Generated<Date>;
}

/** Migration body: the inbox table, in the schema where the consumer writes its effects. */
export async function createInboxTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('processed_events')
    .addColumn('consumer', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.notNull())
    .addColumn('processed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('processed_events_pkey', ['consumer', 'event_id'])
    .execute();
}

/**
 * Records that `consumer` processed `eventId`, in the caller's transaction.
 * @returns true the first time; false when the event was already processed (skip its effect).
 */
export async function claimEvent(trx: Transaction<any>, consumer: string, eventId: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('processed_events')
    .values({ consumer, event_id: eventId })
    .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Bulk form of claimEvent: returns the ids claimed now (others were processed before). */
export async function claimEvents(trx: Transaction<any>, consumer: string, eventIds: string[]): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows = await trx
    .insertInto('processed_events')
    .values(eventIds.map((event_id) => ({ consumer, event_id })))
    .onConflict((oc) => oc.columns(['consumer', 'event_id']).doNothing())
    .returning('event_id')
    .execute();
  return new Set(rows.map((r) => r.event_id));
}
