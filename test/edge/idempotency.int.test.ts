/**
 * Idempotent mutations through the gateway (issue 16, item 6; docs/api.md "Idempotent
 * mutations"): a retry with the same Idempotency-Key and body gets the first answer and changes
 * nothing; another body with the key is refused (422); concurrent duplicates apply once; keys
 * are per user; a malformed key is refused before any subgraph runs; queries ignore the key;
 * expired keys are purged and then no longer replay.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredIdempotencyKeys } from '@taskwire/platform/idempotency';
import { createTasksDatabase } from '@taskwire/tasks';
import { startStack, type Stack } from '../stack.js';
import { tokenFor } from '../support.js';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

interface Answer {
  status: number;
  replayed: string | null;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/** POSTs to the gateway as a client would, with an optional Idempotency-Key. */
async function post(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  key?: string,
): Promise<Answer> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(key !== undefined ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    body: (await response.json()) as Answer['body'],
  };
}

const createTask = `mutation CreateTask($input: CreateTaskInput!) {
  createTask(input: $input) { id title priority status createdAt updatedAt }
}`;

async function taskCount(token: string): Promise<number> {
  const answer = await post(token, '{ tasks(first: 1) { totalCount } }', {});
  return answer.body.data.tasks.totalCount as number;
}

const newUser = () => tokenFor(randomUUID());

describe('Idempotency-Key on mutations', () => {
  it('the same createTask sent twice with one key creates one task and returns the same answer', async () => {
    const token = await newUser();
    const key = randomUUID();
    const input = { input: { title: 'pay rent', priority: 'HIGH' } };
    const first = await post(token, createTask, input, key);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.replayed).toBeNull();
    const second = await post(token, createTask, input, key);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.replayed).toBe('true');
    expect(await taskCount(token)).toBe(1);
  });

  it('the same key with another body is refused with IDEMPOTENCY_KEY_REUSED (422) and changes nothing', async () => {
    const token = await newUser();
    const key = randomUUID();
    await post(token, createTask, { input: { title: 'first' } }, key);
    const other = await post(token, createTask, { input: { title: 'second' } }, key);
    expect(other.status).toBe(422);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'Idempotency-Key',
    });
    expect(other.body.errors?.[0]?.message).toMatch(/different request/);
    expect(await taskCount(token)).toBe(1);
    // Another mutation with the key is another body too.
    const deleteOther = await post(token, 'mutation { deleteTask(id: "x") }', {}, key);
    expect(deleteOther.body.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('concurrent duplicates apply once: the others replay or get IDEMPOTENCY_KEY_IN_USE (409)', async () => {
    const token = await newUser();
    const key = randomUUID();
    const input = { input: { title: 'only once' } };
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(token, createTask, input, key)));
    const created = answers.filter((a) => a.body.data?.createTask);
    const inUse = answers.filter((a) => a.body.errors?.[0]?.extensions?.code === 'IDEMPOTENCY_KEY_IN_USE');
    expect(created.length + inUse.length).toBe(answers.length);
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created.map((a) => a.body.data.createTask.id)).size).toBe(1);
    for (const a of inUse) expect(a.status).toBe(409);
    expect(await taskCount(token)).toBe(1);
    // Once the first has finished, a retry gets its answer.
    const retry = await post(token, createTask, input, key);
    expect(retry.body.data.createTask.id).toBe(created[0]!.body.data.createTask.id);
  });

  it('keys are per user: another user with the same key and body gets their own task', async () => {
    const [alice, bob] = await Promise.all([newUser(), newUser()]);
    const key = randomUUID();
    const input = { input: { title: 'same words' } };
    const a = await post(alice, createTask, input, key);
    const b = await post(bob, createTask, input, key);
    expect(b.replayed).toBeNull();
    expect(b.body.data.createTask.id).not.toBe(a.body.data.createTask.id);
    expect(await taskCount(alice)).toBe(1);
    expect(await taskCount(bob)).toBe(1);
  });

  it('a retried deleteTask answers its first answer instead of NOT_FOUND', async () => {
    const token = await newUser();
    const created = await post(token, createTask, { input: { title: 'to delete' } });
    const id = created.body.data.createTask.id as string;
    const key = randomUUID();
    const remove = 'mutation Remove($id: ID!) { deleteTask(id: $id) }';
    const first = await post(token, remove, { id }, key);
    const second = await post(token, remove, { id }, key);
    expect(first.body).toEqual({ data: { deleteTask: id } });
    expect(second.body).toEqual(first.body);
    expect(second.replayed).toBe('true');
    // Without the key it is a new request: the task is gone.
    const unkeyed = await post(token, remove, { id });
    expect(unkeyed.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('a mutation over two subgraphs replays both parts', async () => {
    const token = await newUser();
    const key = randomUUID();
    const both = `mutation Both($title: String!, $tag: String!) {
      createTask(input: { title: $title }) { id title }
      createTag(name: $tag) { id name }
    }`;
    const variables = { title: 'with a tag', tag: `t-${randomUUID().slice(0, 8)}` };
    const first = await post(token, both, variables, key);
    expect(first.body.errors).toBeUndefined();
    const second = await post(token, both, variables, key);
    expect(second.body).toEqual(first.body);
    expect(second.replayed).toBe('true');
    const tags = await post(token, '{ tags { id } }', {});
    expect(tags.body.data.tags).toHaveLength(1);
    expect(await taskCount(token)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
  ])('a key that is %s is BAD_USER_INPUT (400) naming the header, and nothing runs', async (_what, key) => {
    const token = await newUser();
    const answer = await post(token, createTask, { input: { title: 'never' } }, key);
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
    expect(await taskCount(token)).toBe(0);
  });

  it('queries ignore the key (even a malformed one)', async () => {
    const token = await newUser();
    const answer = await post(token, '{ tasks(first: 1) { totalCount } }', {}, '');
    expect(answer.status).toBe(200);
    expect(answer.body.data.tasks.totalCount).toBe(0);
    expect(answer.replayed).toBeNull();
  });

  it('keys expire after 24 hours: purged, and a retry after that is a new request', async () => {
    const token = await newUser();
    const key = randomUUID();
    const input = { input: { title: 'old' } };
    const first = await post(token, createTask, input, key);
    const db = createTasksDatabase(stack.databaseUrl);
    try {
      const hour = 3_600_000;
      expect(await purgeExpiredIdempotencyKeys(db, new Date(Date.now() + 23 * hour))).toBe(0);
      expect((await post(token, createTask, input, key)).replayed).toBe('true');
      expect(await purgeExpiredIdempotencyKeys(db, new Date(Date.now() + 25 * hour))).toBeGreaterThan(0);
    } finally {
      await db.destroy();
    }
    const after = await post(token, createTask, input, key);
    expect(after.replayed).toBeNull();
    expect(after.body.data.createTask.id).not.toBe(first.body.data.createTask.id);
    expect(await taskCount(token)).toBe(2);
  });
});
