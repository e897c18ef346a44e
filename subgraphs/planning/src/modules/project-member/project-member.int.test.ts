/**
 * Personal tags and reminders on shared tasks: planning decides who may use a task from its own
 * projections (task → project from task events, project → members from `project-events`).
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
} from '../../../../../test/support.js';
import type { PlanningDatabase } from '../../db/database.js';
import { planningConfigSchema } from '../../env.js';
import { startPlanningService, type PlanningService } from '../../service.js';
import { newId, projectEvent, projectTask } from '../../testing.js';
import { applyMembershipEvent } from './project-member.repository.js';

let service: PlanningService;
let db: Kysely<PlanningDatabase>;

beforeAll(async () => {
  const config = planningConfigSchema.parse({
    PORT: '0',
    OPS_PORT: '0',
    GATEWAY_SECRET: testGatewaySecret,
    DATABASE_URL: await createTestDatabase('planning_members'),
    JWT_PUBLIC_KEY: (await testKeys()).pem.publicKeyPem,
    LOG_LEVEL: 'error',
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    OUTBOX_RELAY: 'false',
    TASK_PROJECTION_WAIT_MS: '200',
  });
  service = await startPlanningService(config);
  db = service.db;
});

afterAll(async () => {
  await service?.stop();
});

async function user() {
  const id = newId();
  const token = await tokenFor(id);
  return {
    id,
    gql: (query: string, variables: Record<string, unknown>) => graphqlRequest(service.url, query, variables, token),
  };
}

const setTags = `mutation($t: ID!, $n: [String!]!) { setTaskTags(taskId: $t, names: $n) { id tags { name } } }`;
const addReminder = `mutation($t: ID!) { addReminder(input: { taskId: $t, remindAt: "${new Date(Date.now() + 86_400_000).toISOString()}" }) { id } }`;
const tagsOf = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Task { id tags { name } } } }`;

describe('tags and reminders on shared tasks', () => {
  it('any member, viewers included, may put their own; outsiders and removed members may not', async () => {
    const [owner, viewer, outsider] = [await user(), await user(), await user()];
    const projectId = newId();
    await applyMembershipEvent(db, projectEvent('project.created', projectId, owner.id));
    await applyMembershipEvent(
      db,
      projectEvent('member.added', projectId, owner.id, {
        member: { userId: viewer.id, role: 'VIEWER', joinedAt: new Date().toISOString() },
      }),
    );
    const task = { id: newId(), userId: owner.id, projectId };
    await projectTask(db, task);

    const tagged = await viewer.gql(setTags, { t: task.id, n: ['mine'] });
    expect(tagged.errors).toBeUndefined();
    expect((await viewer.gql(addReminder, { t: task.id })).errors).toBeUndefined();
    expect((await owner.gql(setTags, { t: task.id, n: ['ours?'] })).errors).toBeUndefined();
    // Personal: each member sees their own tags only.
    const reps = [{ __typename: 'Task', id: task.id }];
    expect((await viewer.gql(tagsOf, { r: reps })).data._entities[0].tags).toEqual([{ name: 'mine' }]);
    expect((await owner.gql(tagsOf, { r: reps })).data._entities[0].tags).toEqual([{ name: 'ours?' }]);

    for (const refused of [
      await outsider.gql(setTags, { t: task.id, n: ['x'] }),
      await outsider.gql(addReminder, { t: task.id }),
    ]) {
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    // Re-delivered, the membership event changes nothing; after member.removed the viewer is an outsider.
    await applyMembershipEvent(
      db,
      projectEvent('member.added', projectId, owner.id, {
        member: { userId: viewer.id, role: 'VIEWER', joinedAt: new Date().toISOString() },
      }),
    );
    await applyMembershipEvent(
      db,
      projectEvent('member.removed', projectId, owner.id, {
        member: { userId: viewer.id, role: 'VIEWER', joinedAt: new Date().toISOString() },
        reason: 'removed',
      }),
    );
    expect((await viewer.gql(setTags, { t: task.id, n: ['again'] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await viewer.gql(addReminder, { t: task.id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A deleted project takes its memberships with it.
    await applyMembershipEvent(db, projectEvent('project.deleted', projectId, owner.id));
    expect(await db.selectFrom('project_member').selectAll().where('project_id', '=', projectId).execute()).toEqual([]);
  });

  it('a task whose events predate projects stays usable by its own user only', async () => {
    const [owner, other] = [await user(), await user()];
    const task = { id: newId(), userId: owner.id };
    await projectTask(db, task);
    expect((await owner.gql(setTags, { t: task.id, n: ['old'] })).errors).toBeUndefined();
    expect((await other.gql(setTags, { t: task.id, n: ['x'] })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
