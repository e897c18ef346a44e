/**
 * Reminder delivery end to end: federated `reminderDue` subscriptions through the gateway
 * (planning streams, tasks and audit fill in), and the notifier's e-mail fallback with a
 * real SMTP server, the notifier running as its own process (SIGKILLed once).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import type { Kysely } from 'kysely';
import { SMTPServer } from 'smtp-server';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifierDatabase, type NotifierDatabase } from '@taskwire/consumers/notifier/db/database';
import { startGroupsAtEnd, startStack, type Stack } from './stack.js';
import { eventually, graphqlRequest, killProcess, spawnService, tokenFor, uniqueSuffix } from './support.js';

const fullSelection = `subscription { reminderDue {
  id firedAt
  reminder { id state remindAt firedAt }
  task { id title priority tags { name } history(first: 3) { edges { node { type } } } }
} }`;

interface Received {
  at: number;
  payload: any;
}

interface TestSubscriber {
  client: Client;
  received: Received[];
  closeCodes: number[];
  errors: unknown[];
  completed: boolean;
  dispose(): Promise<void>;
}

function wsUrl(stack: Stack): string {
  return stack.gatewayUrl.replace(/^http/, 'ws');
}

function subscriber(stack: Stack, token: string | null, query = fullSelection): TestSubscriber {
  const s: TestSubscriber = {
    received: [],
    closeCodes: [],
    errors: [],
    completed: false,
    client: createClient({
      url: wsUrl(stack),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      on: { closed: (event) => void s.closeCodes.push((event as { code: number }).code) },
      onNonLazyError: (error) => void s.errors.push(error),
    }),
    dispose: async () => {
      await s.client.dispose();
    },
  };
  s.client.subscribe(
    { query },
    {
      next: (payload) => void s.received.push({ at: Date.now(), payload }),
      error: (error) => void s.errors.push(error),
      complete: () => {
        s.completed = true;
      },
    },
  );
  return s;
}

async function metric(stack: Stack, name: string): Promise<number> {
  const text = await (await fetch(`${stack.gatewayOpsUrl}/metrics`)).text();
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line.trim());
    if (m && m[1] === name) {
      sum += Number(m[3]);
      found = true;
    }
  }
  if (!found) throw new Error(`metric ${name} not found`);
  return sum;
}

async function gql<T = any>(
  stack: Stack,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const r = await graphqlRequest<T>(stack.gatewayUrl, query, variables, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data as T;
}

/** A task with a tag and a reminder at `remindAt`; retried while planning's projection catches up. */
async function taskWithReminder(
  stack: Stack,
  token: string,
  title: string,
  remindAt: Date | null,
): Promise<{ taskId: string; reminderId: string | null }> {
  const { createTask } = await gql(stack, token, `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
    i: { title, priority: 'HIGH' },
  });
  const taskId = createTask.id as string;
  await gql(stack, token, `mutation($id: ID!) { setTaskTags(taskId: $id, names: ["ping"]) { id } }`, { id: taskId });
  if (!remindAt) return { taskId, reminderId: null };
  const { addReminder } = await gql(
    stack,
    token,
    `mutation($id: ID!, $at: DateTime!) { addReminder(input: { taskId: $id, remindAt: $at }) { id } }`,
    { id: taskId, at: remindAt.toISOString() },
  );
  return { taskId, reminderId: addReminder.id as string };
}

describe('reminder delivery through federated subscriptions', () => {
  let stack: Stack;
  beforeAll(async () => {
    // The notifier runs as a separate process below (it is killed with SIGKILL).
    stack = await startStack({ subscriptions: { maxSubscriptionsPerUser: 20 }, without: ['notifier'] });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("delivers A's reminder once, with fields from planning, tasks and audit, within 1 s of its time; B sees nothing of it", async () => {
    const a = await tokenFor(randomUUID());
    const b = await tokenFor(randomUUID());
    const subA = subscriber(stack, a);
    const subB = subscriber(stack, b);
    await eventually(async () => ((await metric(stack, 'gateway_subscription_upstreams')) >= 2 ? true : undefined), {
      what: 'both upstream subscriptions',
    });
    // Planning accepted both upstream subscriptions before the reminder can fire.
    await eventually(
      async () => ((await metric(stack, 'gateway_subscription_subgraph_sockets')) >= 2 ? true : undefined),
      { what: 'subgraph sockets' },
    );

    const remindAt = new Date(Date.now() + 2_000);
    const { taskId, reminderId } = await taskWithReminder(stack, a, 'Call the plumber', remindAt);
    // The audit trail of the task exists before the reminder fires (audit-writer is asynchronous).
    await eventually(
      async () => {
        const r = await gql(
          stack,
          a,
          `query($id: ID!) { task(id: $id) { history(first: 3) { edges { node { type } } } } }`,
          { id: taskId },
        );
        return r.task.history.edges.length >= 2 ? true : undefined;
      },
      { what: 'audit trail' },
    );

    await eventually(() => (subA.received.length >= 1 ? true : undefined), { timeoutMs: 15_000, what: "A's reminder" });
    // Anything else would arrive quickly: give it a moment, then count.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(subA.errors).toEqual([]);
    expect(subA.received).toHaveLength(1);
    const { at, payload } = subA.received[0]!;
    expect(payload.errors).toBeUndefined();
    const n = payload.data.reminderDue;
    expect(n.reminder.id).toBe(reminderId);
    expect(n.reminder.state).toBe('FIRED');
    expect(n.task).toMatchObject({ id: taskId, title: 'Call the plumber', priority: 'HIGH', tags: [{ name: 'ping' }] });
    // Newest first: [reminder.fired (if audited already)], reminder.added, task.tagged, …
    expect(n.task.history.edges.map((e: any) => e.node.type)).toEqual(
      expect.arrayContaining(['reminder.added', 'task.tagged']),
    );
    expect(typeof n.id).toBe('string');
    expect(at - remindAt.getTime()).toBeLessThan(1_000);
    expect(at).toBeGreaterThanOrEqual(remindAt.getTime());
    expect(subB.received).toEqual([]);
    await subA.dispose();
    await subB.dispose();
  }, 60_000);

  it('refuses an unauthenticated connection and one with an invalid token (4403)', async () => {
    // A bare graphql-transport-ws handshake: what any client sends first.
    const closeCodeOf = (connectionParams: Record<string, unknown>) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(wsUrl(stack), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams })));
        socket.on('message', (data) =>
          reject(
            new Error(
              `unexpected message ${new TextDecoder().decode(Array.isArray(data) ? Buffer.concat(data) : data)}`,
            ),
          ),
        );
        socket.on('close', (code) => resolve(code));
        socket.on('error', reject);
      });
    expect(await closeCodeOf({})).toBe(4403);
    expect(await closeCodeOf({ authorization: 'Bearer not-a-token' })).toBe(4403);
    expect(await closeCodeOf({ authorization: `Bearer ${await tokenFor(randomUUID(), -10)}` })).toBe(4403);
  });

  it('ends the subscription with 4401 when the token expires', async () => {
    const token = await tokenFor(randomUUID(), 2);
    const s = subscriber(stack, token);
    await eventually(() => (s.closeCodes.length > 0 ? true : undefined), {
      timeoutMs: 10_000,
      what: 'the close on expiry',
    });
    expect(s.closeCodes[0]).toBe(4401);
    const text = await (await fetch(`${stack.gatewayOpsUrl}/metrics`)).text();
    expect(
      Number(/gateway_subscription_terminations_total\{reason="token_expired"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0),
    ).toBeGreaterThanOrEqual(1);
    await s.dispose();
  });

  it('answers queries and mutations on the socket, and caps open subscriptions per user', async () => {
    const token = await tokenFor(randomUUID());
    const client = createClient({
      url: wsUrl(stack),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const created: any = await new Promise((resolve, reject) => {
      client.subscribe(
        { query: `mutation { createTask(input: { title: "over ws" }) { id title } }` },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    expect(created.data.createTask.title).toBe('over ws');
    const cleanups: Array<() => void> = [];
    for (let i = 0; i < 20; i++)
      cleanups.push(
        client.subscribe(
          { query: `subscription { reminderDue { id } }` },
          { next: () => undefined, error: () => undefined, complete: () => undefined },
        ),
      );
    const refused = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { reminderDue { id } }` },
        { next: () => undefined, error: resolve, complete: () => undefined },
      );
    });
    expect(JSON.stringify(refused)).toContain('TOO_MANY_REQUESTS');
    for (const c of cleanups) c();
    await client.dispose();
  });

  it('1,000 subscribers across 100 users each get exactly their reminders; closing them leaves nothing upstream', async () => {
    // Earlier tests' subscriptions are gone first, so the counts below are this test's.
    await eventually(async () => ((await metric(stack, 'gateway_subscription_upstreams')) === 0 ? true : undefined), {
      what: 'no upstreams left from earlier tests',
    });
    const users = await Promise.all(Array.from({ length: 100 }, async () => tokenFor(randomUUID())));
    const subs = users.flatMap((token, u) =>
      Array.from({ length: 10 }, () => ({
        u,
        s: subscriber(stack, token, `subscription { reminderDue { id task { id title } } }`),
      })),
    );
    await eventually(async () => ((await metric(stack, 'gateway_subscriptions_open')) >= 1_000 ? true : undefined), {
      timeoutMs: 30_000,
      what: '1,000 open subscriptions',
    });
    // Identical subscriptions of one user share one upstream.
    let seen: number[] = [];
    await eventually(
      async () => {
        seen = [
          await metric(stack, 'gateway_subscription_upstreams'),
          await metric(stack, 'gateway_subscription_subgraph_sockets'),
        ];
        return seen[0] === 100 && seen[1] === 100 ? true : undefined;
      },
      {
        timeoutMs: 30_000,
        what: '100 shared upstreams on 100 sockets',
      },
    ).catch((error) => {
      throw new Error(`${String(error)}; upstreams, sockets = ${seen.join(', ')}`);
    });
    const tasks: string[] = [];
    for (let i = 0; i < users.length; i += 10) {
      const batch = await Promise.all(
        users
          .slice(i, i + 10)
          .map((t, j) => taskWithReminder(stack, t, `task of user ${i + j}`, new Date(Date.now() + 3_000))),
      );
      tasks.push(...batch.map((t) => t.taskId));
    }
    await eventually(() => (subs.every(({ s }) => s.received.length >= 1) ? true : undefined), {
      timeoutMs: 30_000,
      what: 'every subscriber to get its reminder',
    });
    await new Promise((r) => setTimeout(r, 1_000));
    for (const { u, s } of subs) {
      expect(s.received).toHaveLength(1);
      expect(s.received[0]!.payload.data.reminderDue.task).toEqual({ id: tasks[u], title: `task of user ${u}` });
    }
    await Promise.all(subs.map(({ s }) => s.dispose()));
    await eventually(
      async () => {
        const [open, upstreams, sockets] = await Promise.all([
          metric(stack, 'gateway_subscriptions_open'),
          metric(stack, 'gateway_subscription_upstreams'),
          metric(stack, 'gateway_subscription_subgraph_sockets'),
        ]);
        return open === 0 && upstreams === 0 && sockets === 0 ? true : undefined;
      },
      { timeoutMs: 10_000, what: 'zero open subscriptions, upstreams and subgraph sockets' },
    );
  }, 120_000);
  describe('e-mail when no one acknowledges', () => {
    const graceSeconds = 4;
    const group = `notifier-e2e-${uniqueSuffix()}`;
    const children: ChildProcess[] = [];
    let smtp: SMTPServer;
    let smtpPort = 0;
    let db: Kysely<NotifierDatabase>;
    let notifier: ChildProcess;
    const mails: Array<{ to: string[]; messageId: string; firingId: string; subject: string; at: number }> = [];
    /** Recipients whose next N deliveries the SMTP server refuses (451). */
    const refuse = new Map<string, number>();

    /** consumers/src/notifier/main.ts as its own process; resolves when /readyz is 200. */
    async function spawnNotifier(): Promise<ChildProcess> {
      const child = await spawnService({
        entry: 'consumers/src/notifier/main.ts',
        name: 'notifier',
        env: {
          DATABASE_URL: stack.databaseUrl,
          KAFKA_BROKERS: stack.kafkaBrokers.join(','),
          LOG_LEVEL: 'warn',
          CONSUMER_GROUP: group,
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          REMINDER_EMAIL_GRACE_SECONDS: String(graceSeconds),
          NOTIFIER_POLL_MS: '100',
          NOTIFIER_RETRY_BASE_MS: '200',
          NOTIFIER_RETRY_MAX_MS: '1000',
          NOTIFIER_SESSION_TIMEOUT_MS: '6000',
        },
      });
      children.push(child);
      return child;
    }

    async function signUp(): Promise<{ token: string; email: string }> {
      const email = `notify-${uniqueSuffix()}@example.com`;
      const res = await graphqlRequest(stack.gatewayUrl, `mutation($i: SignUpInput!) { signUp(input: $i) { token } }`, {
        i: { email, password: 'correct horse battery 9', name: 'Notify Me', timeZone: 'Europe/Berlin' },
      });
      expect(res.errors).toBeUndefined();
      return { token: res.data.signUp.token as string, email };
    }

    const mailsTo = (email: string) => mails.filter((m) => m.to.includes(email));

    beforeAll(async () => {
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(address, _session, callback) {
          const n = refuse.get(address.address) ?? 0;
          if (n > 0) {
            refuse.set(address.address, n - 1);
            const error = new Error('try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            callback(error);
            return;
          }
          callback();
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const header = (name: string) => new RegExp(`^${name}: *(.*)$`, 'mi').exec(raw)?.[1]?.trim() ?? '';
            mails.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              messageId: header('Message-ID'),
              firingId: header('X-Taskwire-Firing-Id'),
              subject: header('Subject'),
              at: Date.now(),
            });
            callback();
          });
        },
      });
      await new Promise<void>((resolve, reject) => {
        smtp.once('error', reject);
        smtp.listen(0, '127.0.0.1', () => resolve());
      });
      smtpPort = (smtp.server.address() as net.AddressInfo).port;
      db = createNotifierDatabase(stack.databaseUrl, 2);
      await startGroupsAtEnd(stack.kafkaBrokers, 'reminder-events', [group]);
      notifier = await spawnNotifier();
    }, 90_000);
    afterAll(async () => {
      await Promise.all(children.map((child) => killProcess(child)));
      await db?.destroy();
      await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    });

    it('e-mails an unacknowledged reminder once after the grace period, also when the notifier is SIGKILLed and restarted during it', async () => {
      const { token, email } = await signUp();
      const { reminderId } = await taskWithReminder(stack, token, 'Water the plants', new Date(Date.now() + 1_500));
      // The notifier has recorded the firing: kill it within the grace period, start it again.
      const row = await eventually(
        async () =>
          db.selectFrom('pending_email').selectAll().where('reminder_id', '=', reminderId!).executeTakeFirst(),
        {
          timeoutMs: 15_000,
          what: 'the pending mail row',
        },
      );
      expect(row.state).toBe('pending');
      expect(Date.now()).toBeLessThan(row.due_at.getTime());
      await killProcess(notifier);
      notifier = await spawnNotifier();

      await eventually(() => (mailsTo(email).length >= 1 ? true : undefined), {
        timeoutMs: 30_000,
        what: 'the reminder mail',
      });
      const mail = mailsTo(email)[0]!;
      expect(mail.at).toBeGreaterThanOrEqual(row.fired_at.getTime() + graceSeconds * 1_000);
      expect(mail.firingId).toBe(row.firing_id);
      expect(mail.messageId).toBe(`<reminder-${row.firing_id}@taskwire>`);
      expect(mail.subject).toBe('Reminder: Water the plants');
      const sent = await eventually(
        async () => {
          const r = await db
            .selectFrom('pending_email')
            .selectAll()
            .where('firing_id', '=', row.firing_id)
            .executeTakeFirstOrThrow();
          return r.state === 'sent' ? r : undefined;
        },
        { what: 'the row marked sent' },
      );
      expect(sent.message_id).toBe(mail.messageId);
      // A second mail would be sent within a poll interval or two: wait a little, then count.
      await new Promise((r) => setTimeout(r, 1_500));
      expect(mailsTo(email)).toHaveLength(1);
    }, 120_000);

    it('retries a mail the SMTP server refuses, and still sends it once', async () => {
      const { token, email } = await signUp();
      refuse.set(email, 2);
      await taskWithReminder(stack, token, 'Pay the rent', new Date(Date.now() + 1_000));
      await eventually(() => (mailsTo(email).length >= 1 ? true : undefined), {
        timeoutMs: 30_000,
        what: 'the mail after two refusals',
      });
      expect(refuse.get(email)).toBe(0);
      const row = await db
        .selectFrom('pending_email')
        .selectAll()
        .where('firing_id', '=', mailsTo(email)[0]!.firingId)
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(3);
      expect(row.last_error).toContain('451');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(mailsTo(email)).toHaveLength(1);
    }, 60_000);

    it('sends nothing for a reminder the client acknowledged', async () => {
      const { token, email } = await signUp();
      const live = subscriber(stack, token, `subscription { reminderDue { id reminder { id } } }`);
      await eventually(async () => ((await metric(stack, 'gateway_subscriptions_open')) >= 1 ? true : undefined), {
        what: 'the live subscription',
      });
      const { reminderId } = await taskWithReminder(stack, token, 'Stretch', new Date(Date.now() + 1_000));
      await eventually(() => (live.received.length >= 1 ? true : undefined), {
        timeoutMs: 15_000,
        what: 'the live reminder',
      });
      const firingId = live.received[0]!.payload.data.reminderDue.id as string;
      // What the web app does on display.
      await gql(stack, token, `mutation($id: ID!) { acknowledgeReminder(id: $id) { state } }`, { id: reminderId });
      const row = await eventually(
        async () => {
          const r = await db
            .selectFrom('pending_email')
            .selectAll()
            .where('firing_id', '=', firingId)
            .executeTakeFirst();
          return r && r.state !== 'pending' && r.state !== 'sending' ? r : undefined;
        },
        { timeoutMs: 20_000, what: 'the mail to be settled' },
      );
      expect(row.state).toBe('skipped');
      expect(row.outcome).toBe('acknowledged');
      expect(mailsTo(email)).toEqual([]);
      await live.dispose();
    }, 60_000);
  });
});
