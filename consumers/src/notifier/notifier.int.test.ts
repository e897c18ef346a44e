import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, type EventOf, type UserSnapshot } from '@taskwire/platform/events';
import { checkContractDeadLetters } from '@taskwire/platform/events/testing';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { createTestDatabase, testKafkaBrokers, uniqueSuffix } from '../../../test/support.js';
import { createPrivateTopics, deleteTopics } from '../audit-writer/testing.js';
import { createNotifier, type Notifier } from './consumer.js';
import { createNotifierDatabase, migrateNotifier, type NotifierDatabase } from './db/database.js';
import { notifierConfigSchema } from './env.js';
import { handle, type NotifierEvent } from './handler.js';
import { claimDueEmails, oldestDueEmailAgeSeconds } from './repository.js';
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
  let user: UserSnapshot;
  let taskId: string;

  /** A user as accounts would publish it; `updatedAt` is now unless given. */
  function snapshot(changes: Partial<UserSnapshot> = {}): UserSnapshot {
    const now = new Date().toISOString();
    return {
      id: randomUUID(),
      email: `n-${randomUUID()}@example.com`,
      name: 'Nora',
      timeZone: 'Europe/Berlin',
      createdAt: now,
      updatedAt: now,
      ...changes,
    };
  }

  const userEvent = (type: 'user.created' | 'user.deleted', u: UserSnapshot): NotifierEvent =>
    buildEvent(type, { actor: u.id, subject: u.id, userId: u.id, data: { user: u } }).envelope;

  const userUpdated = (before: UserSnapshot, after: UserSnapshot): NotifierEvent =>
    buildEvent('user.updated', {
      actor: after.id,
      subject: after.id,
      userId: after.id,
      data: {
        user: after,
        changes: (['email', 'name', 'timeZone'] as const)
          .filter((f) => before[f] !== after[f])
          .map((field) => ({ field, old: before[field], new: after[field] })),
      },
    }).envelope;

  beforeAll(async () => {
    const url = await createTestDatabase('notifier');
    await migrateNotifier(url);
    db = createNotifierDatabase(url, 8);
    user = snapshot();
    taskId = randomUUID();
    await apply(userEvent('user.created', user));
  });
  afterAll(async () => {
    await db?.destroy();
  });

  function dueEvent(
    firedAt = new Date(),
    options: { userId?: string; taskTitle?: string | null } = {},
  ): NotifierEvent & { type: 'reminder.due' } {
    const userId = options.userId ?? user.id;
    const reminder = {
      id: randomUUID(),
      taskId,
      remindAt: firedAt.toISOString(),
      offsetMinutes: null,
      state: 'FIRED' as const,
      firedAt: firedAt.toISOString(),
      snoozedUntil: null,
    };
    return buildEvent('reminder.due', {
      actor: null,
      subject: taskId,
      userId,
      data: {
        firingId: randomUUID(),
        reminder,
        taskId,
        ...(options.taskTitle === null ? {} : { taskTitle: options.taskTitle ?? 'Buy milk' }),
        firedAt: firedAt.toISOString(),
        lateMs: 0,
      },
    }).envelope;
  }

  async function apply(event: NotifierEvent, graceSeconds = 0) {
    return db.transaction().execute((trx) => handle(trx, event, graceSeconds));
  }
  const schedule = apply;

  const row = (firingId: string) =>
    db.selectFrom('pending_email').selectAll().where('firing_id', '=', firingId).executeTakeFirstOrThrow();

  const sender = (transport: ReturnType<typeof fakeTransport>, leaseSeconds = 60, recipientWaitSeconds = 60) =>
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
      recipientWaitSeconds,
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
      .where('firing_id', '=', event.data.firingId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.due_at.toISOString()).toBe('2030-01-01T10:01:00.000Z');
    expect(rows[0]!.state).toBe('pending');
  });

  it('two senders racing over 30 due mails send each exactly once', async () => {
    const events = Array.from({ length: 30 }, () => dueEvent(new Date(Date.now() - 1_000)));
    for (const e of events) await schedule(e);
    const t = fakeTransport();
    const a = sender(t);
    const b = sender(t);
    while ((await Promise.all([a.runOnce(), b.runOnce()])).some((n) => n > 0));
    const ids = new Set(events.map((e) => messageIdOf(e.data.firingId)));
    const mine = t.sent.filter((m) => ids.has(m.messageId));
    expect(mine).toHaveLength(30);
    expect(new Set(mine.map((m) => m.messageId)).size).toBe(30);
    expect(mine[0]!.subject).toBe('Reminder: Buy milk');
  });

  it('skips a firing the user acknowledged (reminder.acknowledged), also when the ack arrived first', async () => {
    for (const ackFirst of [false, true]) {
      const event = dueEvent(new Date(Date.now() - 1_000));
      const { firingId, reminder } = event.data;
      const ack = buildEvent('reminder.acknowledged', {
        actor: user.id,
        subject: taskId,
        userId: user.id,
        data: { reminderId: reminder.id, firingId, taskId, acknowledgedAt: new Date().toISOString() },
      }).envelope;
      if (ackFirst) await apply(ack);
      await schedule(event);
      if (!ackFirst) await apply(ack);
      const t = fakeTransport();
      await sender(t).runOnce();
      expect(t.sent.filter((m) => m.messageId === messageIdOf(firingId))).toEqual([]);
      expect(await row(firingId)).toMatchObject({ state: 'skipped', outcome: 'acknowledged' });
    }
  });

  it('retries after an SMTP failure with backoff, then sends once', async () => {
    const event = dueEvent(new Date(Date.now() - 1_000));
    const firingId = event.data.firingId;
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
    const firingId = event.data.firingId;
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

  it('mail queue age: grows while an overdue mail is not sent, and drops once it is', async () => {
    const t = fakeTransport();
    const s = sender(t);
    while ((await s.runOnce()) > 0); // whatever earlier tests left due
    const event = dueEvent(new Date(Date.now() - 120_000));
    await schedule(event);
    const first = await oldestDueEmailAgeSeconds(db);
    expect(first).toBeGreaterThanOrEqual(120);
    expect(first).toBeLessThan(180);
    t.fail(1); // the SMTP server refuses: still unsent, still counted
    await s.runOnce();
    expect(await row(event.data.firingId)).toMatchObject({ state: 'pending', attempts: 1 });
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await oldestDueEmailAgeSeconds(db)).toBeGreaterThanOrEqual(first + 1);
    await new Promise((r) => setTimeout(r, 200)); // the retry's backoff (retryBaseMs 200)
    while ((await s.runOnce()) > 0);
    expect(await row(event.data.firingId)).toMatchObject({ state: 'sent' });
    expect(await oldestDueEmailAgeSeconds(db)).toBe(0);
  });

  describe('recipient projection (user-events)', () => {
    const recipientRow = (userId: string) =>
      db.selectFrom('recipient').selectAll().where('user_id', '=', userId).executeTakeFirst();

    it('follows user.updated: the mail goes to the new address and name; an older snapshot changes nothing', async () => {
      const before = snapshot({ updatedAt: '2030-01-01T00:00:00.000Z' });
      await apply(userEvent('user.created', before));
      const after = { ...before, email: `moved-${randomUUID()}@example.com`, name: 'Nora M.', timeZone: 'Asia/Tokyo' };
      after.updatedAt = '2030-01-02T00:00:00.000Z';
      await apply(userUpdated(before, after));
      // A re-driven older snapshot arrives late: ignored.
      await apply(userUpdated(after, before));
      expect(await recipientRow(before.id)).toMatchObject({
        email: after.email,
        name: 'Nora M.',
        time_zone: 'Asia/Tokyo',
        deleted_at: null,
      });
      const event = dueEvent(new Date(Date.now() - 1_000), { userId: before.id });
      await schedule(event);
      const t = fakeTransport();
      await sender(t).runOnce();
      const mine = t.sent.filter((m) => m.messageId === messageIdOf(event.data.firingId));
      expect(mine.map((m) => m.to)).toEqual([{ name: 'Nora M.', address: after.email }]);
    });

    it('user.deleted forgets the address, erases the queued mail and keeps a tombstone: nothing is sent, a later reminder.due is ignored and no older event revives it', async () => {
      const u = snapshot();
      await apply(userEvent('user.created', u));
      const pending = dueEvent(new Date(Date.now() - 1_000), { userId: u.id });
      await schedule(pending);
      await apply(userEvent('user.deleted', u));
      const late = dueEvent(new Date(Date.now() - 1_000), { userId: u.id });
      await schedule(late); // still in flight when the account was deleted
      await apply(userUpdated(u, { ...u, name: 'Ghost' })); // same updatedAt as the deleted state
      expect(await recipientRow(u.id)).toMatchObject({ email: null, name: null, time_zone: null });
      expect((await recipientRow(u.id))!.deleted_at).toBeInstanceOf(Date);
      const t = fakeTransport();
      await sender(t).runOnce();
      expect(t.sent.filter((m) => m.messageId === messageIdOf(pending.data.firingId))).toEqual([]);
      const mails = await db.selectFrom('pending_email').select('firing_id').where('user_id', '=', u.id).execute();
      expect(mails).toEqual([]);
    });

    it('a mail that falls due before its recipient is known waits for user.created, then goes out', async () => {
      const u = snapshot();
      const event = dueEvent(new Date(Date.now() - 1_000), { userId: u.id, taskTitle: null });
      await schedule(event);
      const t = fakeTransport();
      const s = sender(t);
      await s.runOnce();
      const waiting = await row(event.data.firingId);
      expect(waiting).toMatchObject({ state: 'pending', attempts: 0, recipient_waits: 1 });
      expect(waiting.next_attempt_at.getTime()).toBeGreaterThan(Date.now());
      await apply(userEvent('user.created', u));
      await new Promise((r) => setTimeout(r, 250)); // the wait's backoff (retryBaseMs 200)
      await s.runOnce();
      const mine = t.sent.filter((m) => m.messageId === messageIdOf(event.data.firingId));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.to).toEqual({ name: 'Nora', address: u.email });
      // reminder.due without taskTitle (older events): a neutral subject.
      expect(mine[0]!.subject).toBe('Reminder: a task');
      expect(await row(event.data.firingId)).toMatchObject({ state: 'sent', attempts: 1 });
    });

    it('gives up on a recipient that never appears once the wait is over', async () => {
      const event = dueEvent(new Date(Date.now() - 2_000), { userId: randomUUID() });
      await schedule(event);
      const t = fakeTransport();
      await sender(t, 60, 1).runOnce();
      expect(await row(event.data.firingId)).toMatchObject({ state: 'skipped', outcome: 'no recipient' });
      expect(t.sent.filter((m) => m.messageId === messageIdOf(event.data.firingId))).toEqual([]);
    });
  });

  describe('the notifier consumer on Kafka', () => {
    const suffix = uniqueSuffix();
    const group = `notifier-${suffix}`;
    const reminderTopic = `reminder-events.notifier-${suffix}`;
    const userTopic = `user-events.notifier-${suffix}`;
    let kafka: Kafka;
    let notifier: Notifier;

    beforeAll(async () => {
      // Its own database: the running sender must not race the other tests over their mails.
      const url = await createTestDatabase('notifier_kafka');
      kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `notifier-test-${suffix}` });
      await migrateNotifier(url);
      const admin = kafka.admin();
      await admin.connect();
      await createPrivateTopics(admin, reminderTopic);
      await createPrivateTopics(admin, userTopic);
      await admin.disconnect();
      const config = notifierConfigSchema.parse({
        PORT: '0',
        DATABASE_URL: url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        LOG_LEVEL: 'silent',
        CONSUMER_GROUP: group,
        REMINDER_EVENTS_TOPIC: reminderTopic,
        USER_EVENTS_TOPIC: userTopic,
        REMINDER_EMAIL_GRACE_SECONDS: '86400',
      });
      notifier = createNotifier(config, { logger, transport: fakeTransport().transport });
      await notifier.start();
    });
    afterAll(async () => {
      await notifier?.stop();
      const admin = kafka.admin();
      await admin.connect();
      await deleteTopics(admin, reminderTopic);
      await deleteTopics(admin, userTopic);
      await admin.disconnect();
    });

    const pendingEmail = (firingId: string) =>
      notifier.db.selectFrom('pending_email').select('firing_id').where('firing_id', '=', firingId).executeTakeFirst();
    const recipient = (userId: string) =>
      notifier.db.selectFrom('recipient').select('user_id').where('user_id', '=', userId).executeTakeFirst();

    /** A valid event of a type neither topic's handler applies (it belongs to task-events). */
    const unhandled = (subject: string): EventOf<'task.tagged'> =>
      buildEvent('task.tagged', {
        actor: subject,
        subject,
        userId: subject,
        data: { taskId: subject, tag: { id: randomUUID(), name: 'x', color: null } },
      }).envelope;

    it('reminder-events: dead-letters an unknown version and an off-contract payload with the reason, skips types it does not handle, and keeps going', async () => {
      const handled = dueEvent(new Date(), { userId: randomUUID() });
      const later = dueEvent(new Date(), { userId: randomUUID() });
      const result = await checkContractDeadLetters({
        kafka,
        topic: reminderTopic,
        consumer: group,
        handled,
        unhandled: unhandled(handled.subject),
        later,
        applied: async () => (await pendingEmail(later.data.firingId)) !== undefined,
      });
      expect(result.unknownVersion).toMatchObject({
        kind: 'unknown-version',
        error: expect.stringMatching(/version 99/),
      });
      expect(result.invalidPayload).toMatchObject({
        kind: 'invalid-payload',
        error: expect.stringMatching(/firingId/),
      });
      expect(result.unhandled).toBeUndefined();
      expect(await pendingEmail(handled.data.firingId)).toBeUndefined();
    });

    it('user-events: dead-letters an unknown version and an off-contract payload with the reason, skips types it does not handle, and keeps going', async () => {
      const handled = userEvent('user.created', snapshot());
      const later = userEvent('user.created', snapshot());
      const result = await checkContractDeadLetters({
        kafka,
        topic: userTopic,
        consumer: group,
        handled,
        unhandled: unhandled(handled.subject),
        later,
        applied: async () => (await recipient(later.subject)) !== undefined,
      });
      expect(result.unknownVersion).toMatchObject({
        kind: 'unknown-version',
        error: expect.stringMatching(/version 99/),
      });
      expect(result.invalidPayload).toMatchObject({ kind: 'invalid-payload', error: expect.stringMatching(/user/) });
      expect(result.unhandled).toBeUndefined();
      expect(await recipient(handled.subject)).toBeUndefined();
    });
  });
});
