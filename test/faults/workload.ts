/**
 * The steady mixed workload of the fault suite and its ledger. Each client is one user doing
 * one mutation at a time through the gateway: create tasks (some recurring), rename them, tag
 * them, add reminders that fall due a few seconds later, complete recurring ones (the next
 * instance must follow), delete plain ones. Every mutation carries an `Idempotency-Key`;
 * when the outcome is unknown (connection lost, 5xx, INTERNAL_SERVER_ERROR) the client either
 * retries it with the same key (as the SDK does) or, when `retryUnacknowledged` is off, gives
 * it up and records it as unacknowledged. Only acknowledged mutations enter the ledger's
 * expectations; unacknowledged ones are kept apart (their effect may or may not exist).
 */
import { randomUUID } from 'node:crypto';
import type { Rng } from './prng.js';

export type LedgerOp =
  | { op: 'createTask'; taskId: string; title: string; recurring: boolean }
  | { op: 'updateTask'; taskId: string; title: string }
  | { op: 'setTaskTags'; taskId: string; tag: string }
  | { op: 'addReminder'; taskId: string; reminderId: string; remindAt: string }
  | { op: 'completeTask'; taskId: string; recurring: boolean }
  | { op: 'deleteTask'; taskId: string };

export interface LedgerEntry {
  userId: string;
  /** The client's sequence number of this mutation (per user). */
  seq: number;
  idempotencyKey: string;
  ackedAt: number;
  mutation: LedgerOp;
  attempts: number;
}

export interface Unacknowledged {
  userId: string;
  op: LedgerOp['op'];
  taskId?: string;
  title?: string;
  idempotencyKey: string;
  error: string;
}

export interface Ledger {
  users: Array<{ id: string; email: string }>;
  acked: LedgerEntry[];
  unacked: Unacknowledged[];
  /** Mutations acknowledged while the current fault was active. */
  ackedDuringFault: number;
}

export interface WorkloadOptions {
  gatewayUrl: string;
  clients: number;
  rng: Rng;
  /** Retry a mutation whose outcome is unknown with the same Idempotency-Key (until it is acknowledged). */
  retryUnacknowledged: boolean;
  /** Label mixed into titles and e-mails (the scenario). */
  label: string;
  faultActive: () => boolean;
  log: (line: string) => void;
}

export interface Workload {
  ledger: Ledger;
  /** Stops issuing new mutations and waits for the ones in flight. */
  stop(): Promise<void>;
}

class Unknown extends Error {}
class Refused extends Error {}

/** POSTs one operation; resolves with `data`, throws Unknown (outcome unknown) or Refused (a 4xx answer). */
async function call(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<any> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Unknown(`no answer: ${(error as Error).message}`);
  }
  const text = await res.text().catch(() => '');
  let body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new Unknown(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  }
  if (body.errors?.length) {
    const codes = body.errors.map((e) => e.extensions?.code ?? '?');
    const message = `${codes.join(',')}: ${body.errors[0]!.message}`;
    // A fault's answer (or a gateway that could not reach the subgraph): the mutation may have happened.
    // Only a client mistake (a 4xx, docs/api.md) is a sure refusal; anything else (a fault, a
    // subgraph the gateway could not reach) may have happened.
    // 409: the same Idempotency-Key is still in flight (docs/api.md): its outcome is not known yet.
    const clientMistake = res.status >= 400 && res.status < 500 && ![408, 409, 429].includes(res.status);
    if (!clientMistake) throw new Unknown(`HTTP ${res.status} ${message}`);
    throw new Refused(`HTTP ${res.status} ${message}`);
  }
  if (!res.ok) throw new Unknown(`HTTP ${res.status}`);
  return body.data;
}

interface TaskState {
  id: string;
  recurring: boolean;
  ops: number;
}

export async function signUpUsers(gatewayUrl: string, label: string, count: number): Promise<Ledger['users']> {
  const users: Ledger['users'] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `${label}-${i}-${randomUUID().slice(0, 8)}@faults.example`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const data = await call(
          gatewayUrl,
          `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
          { i: { email, password: 'correct horse battery 9', name: `F ${i}`, timeZone: 'UTC' } },
          {},
        );
        users.push({ id: data.signUp.user.id as string, email, token: data.signUp.token as string } as never);
        break;
      } catch (error) {
        if (attempt > 20) throw error;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  }
  return users;
}

/** Starts `clients` users' loops (users must come from signUpUsers: they carry their token). */
export function startWorkload(options: WorkloadOptions, users: Ledger['users']): Workload {
  const ledger: Ledger = { users, acked: [], unacked: [], ackedDuringFault: 0 };
  let stopped = false;
  const { rng } = options;
  const loops = users.map(async (user) => {
    const token = (user as unknown as { token: string }).token;
    const tasks: TaskState[] = [];
    let seq = 0;
    let titleSeq = 0;

    /** Runs one mutation until acknowledged (or given up); returns its data or undefined. */
    const mutate = async (
      op: LedgerOp['op'],
      query: string,
      variables: Record<string, unknown>,
      info: { taskId?: string; title?: string },
    ): Promise<{ data: any; attempts: number; key: string } | undefined> => {
      const key = randomUUID();
      const started = Date.now();
      for (let attempt = 1; ; attempt += 1) {
        try {
          const data = await call(options.gatewayUrl, query, variables, {
            authorization: `Bearer ${token}`,
            'idempotency-key': key,
          });
          return { data, attempts: attempt, key };
        } catch (error) {
          const message = (error as Error).message;
          const retry =
            error instanceof Unknown && options.retryUnacknowledged && !stopped && Date.now() - started < 120_000;
          if (!retry) {
            // Refused: an answer, not a fault (e.g. the projection of a just-created task not there yet).
            if (error instanceof Unknown)
              ledger.unacked.push({ userId: user.id, op, idempotencyKey: key, error: message, ...info });
            // Give a failing part a moment instead of hammering it.
            await new Promise((r) => setTimeout(r, 250));
            return undefined;
          }
          await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** attempt)));
        }
      }
    };
    const record = (mutation: LedgerOp, r: { attempts: number; key: string }) => {
      seq += 1;
      ledger.acked.push({
        userId: user.id,
        seq,
        idempotencyKey: r.key,
        ackedAt: Date.now(),
        mutation,
        attempts: r.attempts,
      });
      if (options.faultActive()) ledger.ackedDuringFault += 1;
    };

    while (!stopped) {
      const roll = rng();
      const live = tasks.filter((t) => t.id);
      const pick = () => live[Math.floor(rng() * live.length)]!;
      if (live.length < 3 || roll < 0.2) {
        const recurring = rng() < 0.35;
        titleSeq += 1;
        const title = `${options.label} ${user.id.slice(-6)} #${titleSeq}`;
        const input: Record<string, unknown> = { title, dueAt: new Date(Date.now() + 86_400_000).toISOString() };
        if (recurring) input.recurrence = { rrule: 'FREQ=DAILY', timeZone: 'UTC' };
        const r = await mutate(
          'createTask',
          `mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
          { i: input },
          { title },
        );
        if (r) {
          const id = r.data.createTask.id as string;
          tasks.push({ id, recurring, ops: 0 });
          record({ op: 'createTask', taskId: id, title, recurring }, r);
        }
      } else if (roll < 0.4) {
        const t = pick();
        titleSeq += 1;
        const title = `${options.label} ${user.id.slice(-6)} #${titleSeq}`;
        const r = await mutate(
          'updateTask',
          `mutation($id: ID!, $i: UpdateTaskInput!) { updateTask(id: $id, input: $i) { id } }`,
          { id: t.id, i: { title } },
          { taskId: t.id, title },
        );
        t.ops += 1;
        if (r) record({ op: 'updateTask', taskId: t.id, title }, r);
      } else if (roll < 0.55) {
        const t = pick();
        const tag = `t${Math.floor(rng() * 1000)}`;
        const r = await mutate(
          'setTaskTags',
          `mutation($id: ID!, $n: [String!]!) { setTaskTags(taskId: $id, names: $n) { id } }`,
          { id: t.id, n: [tag] },
          { taskId: t.id },
        );
        t.ops += 1;
        if (r) record({ op: 'setTaskTags', taskId: t.id, tag }, r);
      } else if (roll < 0.75) {
        const t = pick();
        const remindAt = new Date(Date.now() + 2_000 + Math.floor(rng() * 6_000)).toISOString();
        const r = await mutate(
          'addReminder',
          `mutation($i: AddReminderInput!) { addReminder(input: $i) { id } }`,
          { i: { taskId: t.id, remindAt } },
          { taskId: t.id },
        );
        t.ops += 1;
        if (r) record({ op: 'addReminder', taskId: t.id, reminderId: r.data.addReminder.id as string, remindAt }, r);
      } else if (roll < 0.9) {
        const recurring = live.filter((t) => t.recurring);
        if (recurring.length === 0) continue;
        const t = recurring[Math.floor(rng() * recurring.length)]!;
        const r = await mutate(
          'completeTask',
          `mutation($id: ID!) { completeTask(id: $id) { id } }`,
          { id: t.id },
          { taskId: t.id },
        );
        // Completed: the next instance belongs to the system; this client leaves the series.
        tasks.splice(tasks.indexOf(t), 1);
        if (r) record({ op: 'completeTask', taskId: t.id, recurring: true }, r);
      } else {
        const plain = live.filter((t) => !t.recurring && t.ops >= 2);
        if (plain.length === 0) continue;
        const t = plain[Math.floor(rng() * plain.length)]!;
        const r = await mutate(
          'deleteTask',
          `mutation($id: ID!) { deleteTask(id: $id) }`,
          { id: t.id },
          { taskId: t.id },
        );
        tasks.splice(tasks.indexOf(t), 1);
        if (r) record({ op: 'deleteTask', taskId: t.id }, r);
      }
      await new Promise((r) => setTimeout(r, 50 + Math.floor(rng() * 150)));
    }
  });
  return {
    ledger,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
