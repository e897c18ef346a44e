/**
 * Accounts' membership projection (`project_member`, fed by `project-events`, published here
 * onto a private topic as the tasks subgraph writes them): a member reads the name and address
 * of the other members of their projects, nobody else does, and a deleted account leaves no
 * membership behind, even when a membership event about it arrives after the deletion.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, type EventEnvelope } from '@taskwire/platform/events';
import { readDeadLetters } from '@taskwire/platform/events/testing';
import { eventually, graphqlRequest, uniqueSuffix } from '../../../../../test/support.js';
import type { AccountsService } from '../../service.js';
import { startProjectEventsFixture, type ProjectEventsFixture } from '../../testing/project-events.js';
import { deleteUser } from '../user/user.service.js';

let fixture: ProjectEventsFixture;
let service: AccountsService;
let db: ProjectEventsFixture['db'];

beforeAll(async () => {
  fixture = await startProjectEventsFixture('co-member');
  ({ service, db } = fixture);
});

afterAll(async () => {
  await fixture?.stop();
});

interface Person {
  id: string;
  email: string;
  token: string;
}

async function signUp(name: string): Promise<Person> {
  const email = `${name.toLowerCase()}-${uniqueSuffix()}@example.com`;
  const r = await graphqlRequest(
    service.url,
    `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }`,
    { input: { email, password: 'Tr0ub4dor&3-long', name } },
  );
  expect(r.errors).toBeUndefined();
  return { id: r.data.signUp.user.id as string, email, token: r.data.signUp.token as string };
}

function project(ownerId: string) {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    ownerId,
    name: 'Shared',
    color: null,
    archived: false,
    isInbox: false,
    createdAt: now,
    updatedAt: now,
  };
}
type Project = ReturnType<typeof project>;

const created = (p: Project) =>
  buildEvent('project.created', { actor: p.ownerId, subject: p.id, userId: p.ownerId, data: { project: p } }).envelope;

function member(type: 'member.added' | 'member.removed', p: Project, userId: string) {
  return buildEvent(type, {
    actor: p.ownerId,
    subject: p.id,
    userId: p.ownerId,
    data: {
      project: p,
      member: { userId, role: 'EDITOR', joinedAt: new Date().toISOString() },
      ...(type === 'member.removed' ? { reason: 'removed' as const } : {}),
    },
  }).envelope;
}

const publish = (...events: EventEnvelope[]) => fixture.publish(...events);

/** `_entities` of `target` as `reader` reads it (null: not visible). */
async function userAs(reader: Person, target: Person, fields = 'id name email') {
  const r = await graphqlRequest(
    service.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${fields} } } }`,
    { r: [{ __typename: 'User', id: target.id }] },
    reader.token,
  );
  return r;
}

const membershipsOf = (userId: string) =>
  db.selectFrom('project_member').selectAll().where('user_id', '=', userId).execute();

describe("accounts' membership projection", () => {
  it("members read each other's name and address, not their private fields; others read nothing", async () => {
    const [owner, editor, stranger] = [await signUp('Ann'), await signUp('Bo'), await signUp('Cy')];
    const p = project(owner.id);
    await publish(created(p), member('member.added', p, editor.id));
    await eventually(async () => ((await userAs(editor, owner)).data?._entities?.[0] ? true : undefined), {
      what: 'the membership to reach accounts',
    });
    expect((await userAs(editor, owner)).data._entities).toEqual([{ id: owner.id, name: 'Ann', email: owner.email }]);
    expect((await userAs(owner, editor)).data._entities).toEqual([{ id: editor.id, name: 'Bo', email: editor.email }]);
    expect((await userAs(editor, owner, 'id timeZone')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await userAs(stranger, owner)).data._entities).toEqual([null]);

    // Removed: the former member reads nothing of the owner any more.
    await publish(member('member.removed', p, editor.id));
    await eventually(async () => ((await userAs(editor, owner)).data?._entities?.[0] === null ? true : undefined), {
      what: 'the removal to reach accounts',
    });
  });

  it('a deleted account leaves no membership, also when an event about it arrives afterwards', async () => {
    const [owner, editor] = [await signUp('Di'), await signUp('Ed')];
    const p = project(owner.id);
    await publish(created(p), member('member.added', p, editor.id));
    await eventually(async () => ((await membershipsOf(editor.id)).length === 1 ? true : undefined), {
      what: "the editor's membership",
    });

    await deleteUser(db, editor.id, { actor: editor.id });
    expect(await membershipsOf(editor.id)).toEqual([]);

    // Read after the deletion (the consumer lags): it must not bring the id back. A later event
    // of the same project (same partition) proves it was consumed.
    await publish(member('member.added', p, editor.id));
    const sentinel = member('member.added', p, (await signUp('Flo')).id);
    await publish(sentinel);
    await eventually(
      async () =>
        (await db.selectFrom('project_member').select('user_id').where('project_id', '=', p.id).execute()).length === 2
          ? true
          : undefined,
      { what: 'the sentinel membership' },
    );
    expect(await membershipsOf(editor.id)).toEqual([]);
    expect((await readDeadLetters(fixture.kafka, fixture.topic, fixture.groups.projectMembers)).length).toBe(0);
  });
});
