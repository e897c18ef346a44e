import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '@taskwire/platform/events';
import { parseConfig } from '@taskwire/platform/config';
import { eventually, graphqlRequest, testGatewaySecret, testKeys, uniqueSuffix } from '../../../../../test/support.js';
import { gatewayConfigSchema } from '@taskwire/gateway/env';
import { startGateway, type GatewayService } from '@taskwire/gateway/service';
import { collectEvents, startTestTasksService, type TestUser } from '../../testing/harness.js';

// The same mutations as task.mutations.int.test.ts, through the federated gateway: what a
// client sees, with each event read back from Kafka.
type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let gateway: GatewayService;
let collector: Awaited<ReturnType<typeof collectEvents>>;
let alice: TestUser;
let bob: TestUser;

const nowhere = 'http://127.0.0.1:9/graphql';
const fields = 'id title status priority dueDate completedAt owner { id }';
const gql = (user: TestUser, query: string, variables: Record<string, unknown> = {}) =>
  graphqlRequest(gateway.url, query, variables, user.token);

async function eventOf(user: TestUser, taskId: string, type: string): Promise<EventEnvelope & { data: any }> {
  return eventually(() => collector.forUser(user.id).find((e) => e.subject === taskId && e.type === type), {
    what: `${type} for ${taskId}`,
    timeoutMs: 20_000,
  });
}

beforeAll(async () => {
  collector = await collectEvents();
  started = await startTestTasksService(
    { relay: true },
    {
      afterWrite: (_trx, _op, row) => {
        if (row.title.startsWith('explode')) throw new Error('forced failure after the write (test hook)');
      },
    },
  );
  gateway = await startGateway(
    parseConfig(gatewayConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      GATEWAY_SECRET: testGatewaySecret,
      LOG_LEVEL: 'silent',
      ACCOUNTS_URL: nowhere,
      TASKS_URL: started.service.url,
      PLANNING_URL: nowhere,
      AUDIT_URL: nowhere,
      JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
      WEB_DIST_DIR: path.join(os.tmpdir(), `no-web-${uniqueSuffix()}`),
    }),
  );
  alice = await started.newUser();
  bob = await started.newUser();
});

afterAll(async () => {
  await gateway?.stop();
  await started?.service.stop();
  await collector?.stop();
});

describe('tasks through the gateway', () => {
  it('every mutation works and publishes its documented event', async () => {
    const created = await gql(
      alice,
      `mutation { createTask(input: { title: "Via gateway", dueDate: "2026-12-24", priority: LOW }) { ${fields} } }`,
    );
    expect(created.errors).toBeUndefined();
    const task = created.data.createTask;
    expect(task).toMatchObject({
      title: 'Via gateway',
      status: 'OPEN',
      priority: 'LOW',
      dueDate: '2026-12-24',
      owner: { id: alice.id },
    });
    expect((await eventOf(alice, task.id, 'task.created')).data.task).toMatchObject({
      id: task.id,
      title: 'Via gateway',
      dueDate: '2026-12-24',
    });

    const updated = await gql(
      alice,
      `mutation($id: ID!) { updateTask(id: $id, input: { priority: HIGH }) { ${fields} } }`,
      { id: task.id },
    );
    expect(updated.data.updateTask.priority).toBe('HIGH');
    expect((await eventOf(alice, task.id, 'task.updated')).data.changes).toEqual([
      { field: 'priority', old: 'LOW', new: 'HIGH' },
    ]);

    const completed = await gql(alice, `mutation($id: ID!) { completeTask(id: $id) { ${fields} } }`, { id: task.id });
    expect(completed.data.completeTask.status).toBe('COMPLETED');
    expect((await eventOf(alice, task.id, 'task.completed')).data.task.completedAt).toBe(
      completed.data.completeTask.completedAt,
    );

    const reopened = await gql(alice, `mutation($id: ID!) { reopenTask(id: $id) { ${fields} } }`, { id: task.id });
    expect(reopened.data.reopenTask.status).toBe('OPEN');
    expect((await eventOf(alice, task.id, 'task.reopened')).data.previousCompletedAt).toBe(
      completed.data.completeTask.completedAt,
    );

    const list = await gql(alice, `{ tasks(filter: { search: "gatew" }) { totalCount edges { node { id } } } }`);
    expect(list.data.tasks).toEqual({ totalCount: 1, edges: [{ node: { id: task.id } }] });

    const deleted = await gql(alice, `mutation($id: ID!) { deleteTask(id: $id) }`, { id: task.id });
    expect(deleted.data.deleteTask).toBe(task.id);
    expect((await eventOf(alice, task.id, 'task.trashed')).data.task.status).toBe('OPEN');
  });

  it('errors keep their code and field; a failed transaction leaves nothing; others get NOT_FOUND', async () => {
    const bad = await gql(
      alice,
      `mutation { createTask(input: { title: "ok", dueAt: "2026-12-01T09:00:00" }) { id } }`,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueAt' });

    const failed = await gql(alice, `mutation { createTask(input: { title: "explode via gateway" }) { id } }`);
    expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    const search = await gql(alice, `{ tasks(filter: { search: "explode" }) { totalCount } }`);
    expect(search.data.tasks.totalCount).toBe(0);

    const mine = (await gql(alice, `mutation { createTask(input: { title: "Alice only" }) { id } }`)).data.createTask
      .id;
    await eventOf(alice, mine, 'task.created');
    for (const op of [
      `query($id: ID!) { task(id: $id) { id } }`,
      `mutation($id: ID!) { updateTask(id: $id, input: { title: "x" }) { id } }`,
      `mutation($id: ID!) { completeTask(id: $id) { id } }`,
      `mutation($id: ID!) { deleteTask(id: $id) }`,
    ]) {
      expect((await gql(bob, op, { id: mine })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(collector.forUser(alice.id).some((e) => JSON.stringify(e.data).includes('explode'))).toBe(false);
    expect(collector.forUser(bob.id)).toEqual([]);
  });
});
