import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support.js';
import { createDatabase, createPool } from './database.js';

let url: string;
beforeAll(async () => {
  url = await createTestDatabase('dblost');
});

describe('a lost database connection', () => {
  const admin = () => createPool(url, 1);
  let terminator: ReturnType<typeof admin>;
  beforeAll(() => {
    terminator = admin();
  });
  afterAll(() => terminator.end());

  it('fails the transaction that held it, not the process, and the pool goes on with a new connection', async () => {
    const idle: Error[] = [];
    const db = createDatabase<Record<string, never>>({
      url,
      schema: 'public',
      applicationName: 'lost-connection-test',
      onIdleError: (e) => idle.push(e),
    });
    try {
      const outcome = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // While this transaction's client is lent out and between statements, its session dies
        // (as in a database restart): pg emits 'error' on the client, which the pool does not
        // listen to while the client is lent out.
        await terminator.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        await new Promise((r) => setTimeout(r, 300));
        await sql`select 1`.execute(trx);
      });
      await expect(outcome).rejects.toThrow();
      // The process is still here (an unhandled 'error' event would have failed this test file),
      // and the next transaction gets a working connection.
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
      expect(rows).toEqual([{ ok: 1 }]);
      expect(idle).toEqual([]); // it was not idle: the pool's own listener was not the one that caught it
    } finally {
      await db.destroy();
    }
  });

  it('an idle pooled connection that dies is reported to onIdleError and replaced', async () => {
    const idle: Error[] = [];
    const db = createDatabase<Record<string, never>>({
      url,
      schema: 'public',
      applicationName: 'idle-lost-test',
      maxConnections: 1,
      onIdleError: (e) => idle.push(e),
    });
    try {
      await sql`select 1`.execute(db);
      await terminator.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'idle-lost-test'`,
      );
      for (let i = 0; i < 50 && idle.length === 0; i += 1) await new Promise((r) => setTimeout(r, 100));
      expect(idle.length).toBe(1);
      const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
      expect(rows).toEqual([{ ok: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
