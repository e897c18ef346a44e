import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import { claimEvent } from '@taskwire/platform/inbox';
import { eventually, testKafkaBrokers, uniqueSuffix } from '../../../../../test/support.js';
import { createTasksDatabase } from '../../db/database.js';
import { createPrivateTopic, startTestTasksService, type TestUser } from '../../testing/harness.js';
import { handleTagEvent, type TagProjectionEvent } from './tag-projection.handler.js';
import { tagNamesOfTask } from './tag-projection.repository.js';

type Started = Awaited<ReturnType<typeof startTestTasksService>>;
let started: Started;
let db: ReturnType<typeof createTasksDatabase>;
let topic: string;
let alice: TestUser;

const create = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
const byTags = `query($tags: [String!]) { tasks(filter: { tags: $tags }) { totalCount edges { node { id } } } }`;

function tagEvent(
  type: 'task.tagged' | 'task.untagged',
  userId: string,
  taskId: string,
  tag: { id: string; name: string },
): TagProjectionEvent {
  return buildEvent(type, {
    topic,
    actor: userId,
    subject: taskId,
    userId,
    data: { taskId, tag: { ...tag, color: null } },
  }).envelope;
}

const apply = (event: TagProjectionEvent) => db.transaction().execute((trx) => handleTagEvent(trx, event));

beforeAll(async () => {
  topic = await createPrivateTopic('task-events-tags');
  started = await startTestTasksService(
    { tagProjection: true },
    { tagProjection: { name: `tasks-tag-projection-${uniqueSuffix()}`, topics: [topic] } },
  );
  db = createTasksDatabase(started.databaseUrl, 2);
  alice = await started.newUser();
});

afterAll(async () => {
  await started?.service.stop();
  await db?.destroy();
});

describe('handleTagEvent (pure handler on a real database)', () => {
  it('tagged adds, a repeated tag renames, untagged removes, deleted drops all', async () => {
    const task = (await alice.gql(create, { input: { title: 'Tag me' } })).data.createTask.id;
    await apply(tagEvent('task.tagged', alice.id, task, { id: 't1', name: 'Work' }));
    await apply(tagEvent('task.tagged', alice.id, task, { id: 't2', name: 'home' }));
    expect(await tagNamesOfTask(db, task)).toEqual(['Work', 'home']);
    await apply(tagEvent('task.tagged', alice.id, task, { id: 't1', name: 'Job' }));
    expect((await tagNamesOfTask(db, task)).sort()).toEqual(['Job', 'home']);
    await apply(tagEvent('task.untagged', alice.id, task, { id: 't2', name: 'home' }));
    expect(await tagNamesOfTask(db, task)).toEqual(['Job']);
    // An untag for another user's id changes nothing (effects are scoped by the envelope's user).
    await apply(tagEvent('task.untagged', 'someone-else', task, { id: 't1', name: 'Job' }));
    expect(await tagNamesOfTask(db, task)).toEqual(['Job']);
    const now = new Date().toISOString();
    await apply(
      buildEvent('task.deleted', {
        actor: alice.id,
        subject: task,
        userId: alice.id,
        data: {
          task: {
            id: task,
            userId: alice.id,
            title: 'Tagged',
            description: null,
            priority: 'MEDIUM',
            status: 'OPEN',
            dueAt: null,
            dueDate: null,
            completedAt: null,
            recurrence: null,
            seriesId: null,
            occurrence: null,
            seriesStart: null,
            createdAt: now,
            updatedAt: now,
          },
        },
      }).envelope,
    );
    expect(await tagNamesOfTask(db, task)).toEqual([]);
  });

  it('filter.tags reads the projection, case-insensitively, any of the names', async () => {
    const a = (await alice.gql(create, { input: { title: 'A' } })).data.createTask.id;
    const b = (await alice.gql(create, { input: { title: 'B' } })).data.createTask.id;
    await apply(tagEvent('task.tagged', alice.id, a, { id: 'ta', name: 'Errands' }));
    await apply(tagEvent('task.tagged', alice.id, b, { id: 'tb', name: 'urgent' }));
    await apply(tagEvent('task.tagged', alice.id, b, { id: 'ta', name: 'Errands' }));
    const res = await alice.gql(byTags, { tags: ['errands'] });
    expect(res.data.tasks.edges.map((e: any) => e.node.id).sort()).toEqual([a, b].sort());
    expect(
      (await alice.gql(byTags, { tags: ['URGENT', 'nothing'] })).data.tasks.edges.map((e: any) => e.node.id),
    ).toEqual([b]);
    // Another user's tags never match Alice's tasks.
    const bob = await started.newUser();
    expect((await bob.gql(byTags, { tags: ['errands'] })).data.tasks.totalCount).toBe(0);
  });

  it('the inbox makes a redelivered event a no-op', async () => {
    const task = (await alice.gql(create, { input: { title: 'Once' } })).data.createTask.id;
    const tagged = tagEvent('task.tagged', alice.id, task, { id: 'tx', name: 'once' });
    const untagged = tagEvent('task.untagged', alice.id, task, { id: 'tx', name: 'once' });
    const deliver = (e: TagProjectionEvent) =>
      db.transaction().execute(async (trx) => {
        if (await claimEvent(trx, 'tag-projection-test', e.id)) await handleTagEvent(trx, e);
      });
    await deliver(tagged);
    await deliver(untagged);
    await deliver(tagged); // redelivered after the untag: must not resurrect the tag
    expect(await tagNamesOfTask(db, task)).toEqual([]);
  });
});

describe('the projection consumer inside the tasks service', () => {
  it('applies task.tagged / task.untagged from Kafka so filter.tags follows them', async () => {
    const task = (await alice.gql(create, { input: { title: 'From Kafka' } })).data.createTask.id;
    const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `tasks-test-${uniqueSuffix()}` });
    const producer = createEventProducer(kafka);
    await producer.connect();
    try {
      const send = (e: TagProjectionEvent) =>
        producer.send({ topic, acks: -1, messages: [{ key: e.subject, value: JSON.stringify(e) }] });
      const name = `kafka-${uniqueSuffix()}`;
      await send(tagEvent('task.tagged', alice.id, task, { id: 'tk', name }));
      await eventually(
        async () => ((await alice.gql(byTags, { tags: [name] })).data.tasks.totalCount === 1 ? true : undefined),
        { what: 'tag projected', timeoutMs: 30_000 },
      );
      await send(tagEvent('task.untagged', alice.id, task, { id: 'tk', name }));
      await eventually(
        async () => ((await alice.gql(byTags, { tags: [name] })).data.tasks.totalCount === 0 ? true : undefined),
        { what: 'untag projected', timeoutMs: 30_000 },
      );
    } finally {
      await producer.disconnect();
    }
  });
});
