import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, type EventEnvelope } from '@taskwire/platform/events';
import { createLogger } from '@taskwire/platform/logger';
import { migrateAccounts } from '@taskwire/accounts/migrate';
import { migratePlanning } from '@taskwire/planning/migrate';
import { migrateTasks } from '@taskwire/tasks/migrate';
import { createTestDatabase } from '../../../test/support.js';
import { createNotifierDatabase, migrateNotifier, type NotifierDatabase } from './db/database.js';
import { handle } from './handler.js';
import { claimDueEmails } from './repository.js';
import { createMailSender, messageIdOf } from './sender.js';

const logger = createLogger('notifier-test', 'silent');

interface Sent {
  to: unknown;
  messageId: string;
  subject: string;
}

/** An SMTP stand-in: records messages; `failNext` makes the next calls throw. */
function fakeTransport() {
  const sent: Sent[] = [];
  let failNext = 0;
  return {
    sent,
    fail(n: number) {
      failNext = n;
    },
    transport: {
      sendMail: async (mail: { to: unknown; messageId: string; subject: string }) => {
        if (failNext > 0) {
          failNext--;
          throw new Error('451 try again later');
        }
        await new Promise((r) => setTimeout(r, 5));
        sent.push({ to: mail.to, messageId: mail.messageId, subject: mail.subject });
        return {};
      },
      close: () => undefined,
    } as never,
  };
}

describe('notifier on a real database', () => {
  let db: Kysely<NotifierDatabase>;
  let userId: string;
  let taskId: string;

  beforeAll(async () => {
    const url = await createTestDatabase('notifier');
    await migrateAccounts(url);
    await migrateTasks(url);
    await migratePlanning(url);
    await migrateNotifier(url);
    db = createNotifierDatabase(url, 8);
    const user = await sql<{
      id: string;
    }>`insert into accounts.users (email, name, password_hash) values (${`n-${randomUUID()}@example.com`}, 'Nora', 'x') returning id::text`.execute(
      db,
    );
    userId = user.rows[0]!.id;
    taskId = randomUUID();
    await sql`insert into tasks.tasks (id, user_id, title) values (${taskId}::uuid, ${userId}, 'Buy milk')`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  function dueEvent(firedAt = new Date()): EventEnvelope {
    return buildEvent('reminder.due', {
      topic: 'reminder-events',
      key: userId,
      actor: null,
      subject: taskId,
      userId,
      data: {
        firingId: randomUUID(),
        taskId,
        firedAt: firedAt.toISOString(),
        lateMs: 0,
        reminder: {
          id: randomUUID(),
          taskId,
          remindAt: firedAt.toISOString(),
          offsetMinutes: null,
          state: 'FIRED',
          firedAt: firedAt.toISOString(),
          snoozedUntil: null,
        },
      },
    }).envelope;
  }

  async function schedule(event: EventEnvelope, graceSeconds = 0) {
    return db.transaction().execute((trx) => handle(trx, event, graceSeconds));
  }

  const sender = (transport: ReturnType<typeof fakeTransport>, leaseSeconds = 60) =>
    createMailSender({
      db,
      logger,
      smtpUrl: 'smtp://unused',
      mailFrom: 'Taskwire <r@taskwire.local>',
      webUrl: 'http://localhost:4000',
      pollMs: 50,
      retryBaseMs: 200,
      retryMaxMs: 200,
      leaseSeconds,
      transport: transport.transport,
    });

  it('schedules one mail per firing at firedAt + grace; a redelivered event changes nothing', async () => {
    const firedAt = new Date('2030-01-01T10:00:00Z');
    const event = dueEvent(firedAt);
    expect(await schedule(event, 60)).toBe('scheduled');
    expect(await schedule(event, 60)).toBe('duplicate');
    const rows = await db
      .selectFrom('pending_email')
      .selectAll()
      .where('firing_id', '=', (event.data as { firingId: string }).firingId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.due_at.toISOString()).toBe('2030-01-01T10:01:00.000Z');
    expect(rows[0]!.state).toBe('pending');
  });

  it('rejects versions and payloads it does not know (the runner dead-letters them)', async () => {
    const v2 = { ...dueEvent(), version: 2 };
    await expect(schedule(v2)).rejects.toThrow(/version 2/);
    const broken = { ...dueEvent(), data: { firingId: 'x' } };
    await expect(schedule(broken)).rejects.toThrow(/firingId, taskId/);
  });

  it('two senders racing over 30 due mails send each exactly once', async () => {
    const events = Array.from({ length: 30 }, () => dueEvent(new Date(Date.now() - 1_000)));
    for (const e of events) await schedule(e);
    const t = fakeTransport();
    const a = sender(t);
    const b = sender(t);
    while ((await Promise.all([a.runOnce(), b.runOnce()])).some((n) => n > 0));
    const ids = new Set(events.map((e) => messageIdOf((e.data as { firingId: string }).firingId)));
    const mine = t.sent.filter((m) => ids.has(m.messageId));
    expect(mine).toHaveLength(30);
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(30);
    expect(mine[0]!.subject).toBe('Reminder: Buy milk');
  });

  it('skips a firing acknowledged in planning', async () => {
    const event = dueEvent(new Date(Date.now() - 1_000));
    const { firingId, reminder } = event.data as { firingId: string; reminder: { id: string } };
    await sql`insert into planning.reminder_firing (id, reminder_id, user_id, task_id, seq, due_at, fired_at, late_ms, acknowledged_at)
              values (${firingId}, ${reminder.id}, ${userId}, ${taskId}, 1, now(), now(), 0, now())`.execute(db);
    await schedule(event);
    const t = fakeTransport();
    await sender(t).runOnce();
    expect(t.sent.filter((m) => m.messageId === messageIdOf(firingId))).toEqual([]);
    const row = await db
      .selectFrom('pending_email')
      .selectAll()
      .where('firing_id', '=', firingId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'skipped', outcome: 'acknowledged' });
  });

  it('retries after an SMTP failure with backoff, then sends once', async () => {
    const event = dueEvent(new Date(Date.now() - 1_000));
    const firingId = (event.data as { firingId: string }).firingId;
    await schedule(event);
    const t = fakeTransport();
    t.fail(1);
    const s = sender(t);
    await s.runOnce();
    let row = await db
      .selectFrom('pending_email')
      .selectAll()
      .where('firing_id', '=', firingId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row.last_error).toContain('451');
    expect(row.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
    await s.runOnce(); // not yet due again
    expect(t.sent.filter((m) => m.messageId === messageIdOf(firingId))).toEqual([]);
    await new Promise((r) => setTimeout(r, 250));
    await s.runOnce();
    row = await db.selectFrom('pending_email').selectAll().where('firing_id', '=', firingId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'sent', attempts: 2, message_id: messageIdOf(firingId) });
    expect(t.sent.filter((m) => m.messageId === messageIdOf(firingId))).toHaveLength(1);
  });

  it('takes over a mail whose sender vanished after claiming it, once the lease ran out', async () => {
    const event = dueEvent(new Date(Date.now() - 1_000));
    const firingId = (event.data as { firingId: string }).firingId;
    await schedule(event);
    // A sender claims it and dies before sending.
    const claimed = await claimDueEmails(db, { limit: 100, leaseSeconds: 1 });
    expect(claimed.map((c) => c.firing_id)).toContain(firingId);
    const t = fakeTransport();
    await sender(t).runOnce();
    expect(t.sent.filter((m) => m.messageId === messageIdOf(firingId))).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_100));
    await sender(t).runOnce();
    expect(t.sent.filter((m) => m.messageId === messageIdOf(firingId))).toHaveLength(1);
  });
});
