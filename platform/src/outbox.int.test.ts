import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.js';
import { createDatabase } from './database.js';
import { buildEvent } from './events/index.js';
import { createOutboxTable, enqueueEvents } from './outbox.js';

const schema = 'outbox_order';

const tagged = (taskId: string, seq: number) =>
  buildEvent('task.tagged', {
    actor: null,
    subject: taskId,
    userId: 'u1',
    data: { taskId, tag: { id: 't', name: String(seq), color: null } },
  });

describe('enqueueEvents', () => {
  let db: Kysely<any>;

  beforeAll(async () => {
    const url = await createTestDatabase('outbox');
    db = createDatabase<any>({ url, schema, maxConnections: 6 });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    await createOutboxTable(db);
  });
  afterAll(() => db?.destroy());

  /**
   * Enqueues `event` in a transaction that stays open `holdMs` after the insert; records the
   * moment of its commit in `commits`.
   */
  const writer = (event: ReturnType<typeof tagged>, holdMs: number, commits: string[]) =>
    db.transaction().execute(async (trx) => {
      await enqueueEvents(trx, schema, [event]);
      await sleep(holdMs);
      commits.push(event.envelope.id);
    });

  const outboxOrder = async () =>
    (await db.selectFrom('outbox').select(['event_id', 'key']).orderBy('id').execute()).map((r) => r.event_id);

  it('lets events of one key enter the outbox one transaction at a time, so id order is commit order', async () => {
    const commits: string[] = [];
    const first = tagged('task-a', 1);
    const second = tagged('task-a', 2);
    // The first writer inserts and keeps its transaction open; the second starts meanwhile and
    // would commit first (it holds nothing): it must wait for the first one's commit.
    const slow = writer(first, 400, commits);
    await sleep(100);
    const fast = writer(second, 0, commits);
    await Promise.all([slow, fast]);
    expect(commits).toEqual([first.envelope.id, second.envelope.id]);
    const order = (await outboxOrder()).filter((id) => id === first.envelope.id || id === second.envelope.id);
    expect(order).toEqual(commits);
  });

  it('does not make writers of other keys wait', async () => {
    const commits: string[] = [];
    const slow = writer(tagged('task-b', 1), 600, commits);
    await sleep(100);
    const other = tagged('task-c', 1);
    await writer(other, 0, commits);
    expect(commits).toEqual([other.envelope.id]);
    await slow;
  });

  it('locks several keys of one call in one order, so crossing writers do not deadlock', async () => {
    const keys = Array.from({ length: 8 }, (_, i) => `task-x${i}`);
    const batches = Array.from({ length: 6 }, (_, b) =>
      (b % 2 === 0 ? keys : [...keys].reverse()).map((key, i) => tagged(key, b * 100 + i)),
    );
    await Promise.all(
      batches.map((events) =>
        db.transaction().execute(async (trx) => {
          await enqueueEvents(trx, schema, events);
          await sleep(20);
        }),
      ),
    );
    const rows = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('key', 'in', keys)
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(48);
  });
});
