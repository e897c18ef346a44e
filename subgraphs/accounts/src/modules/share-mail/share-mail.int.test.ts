/**
 * The mails of shared projects: the accounts service consumes `member.added` and
 * `member.invited` (published here as the tasks subgraph writes them, onto a private topic) and
 * queues one mail per event into `accounts.mail_outbox`, whatever the redeliveries.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEvent, type EventEnvelope, type EventOf } from '@taskwire/platform/events';
import { readDeadLetters } from '@taskwire/platform/events/testing';
import { eventually, graphqlRequest, uniqueSuffix } from '../../../../../test/support.js';
import type { MailRow } from '../../db/database.js';
import type { AccountsService } from '../../service.js';
import { startProjectEventsFixture, type ProjectEventsFixture } from '../../testing/project-events.js';
import { findMailsTo } from '../mail/mail.repository.js';
import { deleteUser } from '../user/user.service.js';
import { shareMailMessageId } from './share-mail.handler.js';

const publicUrl = 'http://app.taskwire.test';
let fixture: ProjectEventsFixture;
let service: AccountsService;
let db: ProjectEventsFixture['db'];
let kafka: ProjectEventsFixture['kafka'];
let topic: string;
let group: string;

beforeAll(async () => {
  fixture = await startProjectEventsFixture('share-mail', { PUBLIC_URL: publicUrl });
  ({ service, db, kafka, topic } = fixture);
  group = fixture.groups.shareMails;
});

afterAll(async () => {
  await fixture?.stop();
});

const address = (label: string) => `${label}-${uniqueSuffix()}@example.com`;

async function signUp(name: string): Promise<{ id: string; email: string }> {
  const email = address(name.toLowerCase());
  const r = await graphqlRequest(
    service.url,
    `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
    { input: { email, password: 'Tr0ub4dor&3-long', name } },
  );
  expect(r.errors).toBeUndefined();
  return { id: r.data.signUp.user.id as string, email };
}

function project(ownerId: string, name = 'Groceries') {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    ownerId,
    name,
    color: null,
    archived: false,
    isInbox: false,
    createdAt: now,
    updatedAt: now,
  };
}

type Project = ReturnType<typeof project>;

function memberAdded(p: Project, userId: string, role: 'EDITOR' | 'VIEWER', actor: string | null = p.ownerId) {
  return buildEvent('member.added', {
    actor,
    subject: p.id,
    userId: p.ownerId,
    data: { project: p, member: { userId, role, joinedAt: new Date().toISOString() } },
  }).envelope;
}

function memberInvited(p: Project, email: string, invitedBy = p.ownerId) {
  return buildEvent('member.invited', {
    actor: invitedBy,
    subject: p.id,
    userId: p.ownerId,
    data: { project: p, invitation: { email, role: 'VIEWER', invitedAt: new Date().toISOString() }, invitedBy },
  }).envelope;
}

const publish = (...events: EventEnvelope[]) => fixture.publish(...events);

/** The mails queued for `event` (by its Message-ID) to `recipient`. */
async function mailsOf(recipient: string, event: EventOf): Promise<MailRow[]> {
  return (await findMailsTo(db, recipient)).filter((m) => m.message_id === shareMailMessageId(event.id));
}

/** Waits until the mail of `event` to `recipient` is queued; returns it. */
async function mailOf(recipient: string, event: EventOf): Promise<MailRow> {
  return eventually(async () => (await mailsOf(recipient, event))[0], {
    timeoutMs: 30_000,
    what: `the ${event.type} mail to ${recipient}`,
  });
}

describe('share mails (accounts consumer on project-events)', () => {
  it('member.added: one mail to the new member naming the sharer, the project and the role', async () => {
    const [owner, member] = [await signUp('Ann'), await signUp('Bo')];
    const p = project(owner.id);
    const added = memberAdded(p, member.id, 'EDITOR');
    await publish(added);

    const mail = await mailOf(member.email, added);
    expect(mail.user_id).toBe(member.id);
    expect(mail.subject).toBe('The Taskwire project "Groceries" was shared with you');
    expect(mail.body).toContain('Hello Bo,');
    expect(mail.body).toContain('Ann shared the project "Groceries" with you as editor.');
    expect(mail.body).toContain(`${publicUrl}/`);
    expect(
      await findMailsTo(db, owner.email).then((ms) => ms.filter((m) => m.message_id.startsWith('<share-'))),
    ).toEqual([]);
  });

  it('member.invited: one invitation mail to the address, naming the inviter, with the sign-up link', async () => {
    const owner = await signUp('Cy');
    const invitee = address('invitee');
    const invited = memberInvited(project(owner.id, 'Holiday'), invitee);
    await publish(invited);

    const mail = await mailOf(invitee, invited);
    expect(mail.user_id).toBeNull();
    expect(mail.subject).toBe('You are invited to the Taskwire project "Holiday"');
    expect(mail.body).toContain('Cy invited you to the project "Holiday" on Taskwire as viewer');
    expect(mail.body).toContain(`sign up with this address (${invitee})`);
    expect(mail.body).toContain('The address must be verified');
    expect(mail.body).toContain(`${publicUrl}/`);
    expect(await findMailsTo(db, invitee)).toHaveLength(1);
  });

  it('the same event delivered twice queues one mail', async () => {
    const [owner, member] = [await signUp('Di'), await signUp('Ed')];
    const p = project(owner.id);
    const added = memberAdded(p, member.id, 'VIEWER');
    const invitee = address('twice');
    const invited = memberInvited(p, invitee);
    // A later event of the same project (same partition) proves both copies were consumed.
    const sentinel = memberInvited(p, address('sentinel'));
    await publish(added, added, invited);
    await publish(invited, sentinel);

    await mailOf(sentinel.data.invitation.email, sentinel);
    expect(await mailsOf(member.email, added)).toHaveLength(1);
    expect(await mailsOf(invitee, invited)).toHaveLength(1);
    expect(await findMailsTo(db, invitee)).toHaveLength(1);
  });

  it('a project name with a line break stays on one line in the subject and the body', async () => {
    const [owner, member] = [await signUp('Flo'), await signUp('Gus')];
    const added = memberAdded(project(owner.id, 'Week\nplan\r\nBcc: x@example.com'), member.id, 'EDITOR');
    await publish(added);

    const mail = await mailOf(member.email, added);
    expect(mail.subject).toBe('The Taskwire project "Week plan Bcc: x@example.com" was shared with you');
    expect(mail.body.split('\n')).toContain(
      'Flo shared the project "Week plan Bcc: x@example.com" with you as editor.',
    );
  });

  it('a member whose account is gone gets nothing; an unknown sharer or inviter is named neutrally; nothing is dead-lettered', async () => {
    const member = await signUp('Hal');
    const goneOwner = randomUUID();
    const p = project(goneOwner);
    const toNobody = memberAdded(p, randomUUID(), 'EDITOR');
    const fromNobody = memberAdded(p, member.id, 'VIEWER', null);
    const invitee = address('orphan');
    const invitedByNobody = memberInvited(p, invitee);
    await publish(toNobody, fromNobody, invitedByNobody);

    const invitation = await mailOf(invitee, invitedByNobody);
    expect(invitation.body).toContain('A Taskwire user invited you to the project "Groceries"');
    const shared = await mailOf(member.email, fromNobody);
    expect(shared.body).toContain('A Taskwire user shared the project "Groceries" with you as viewer.');
    const claimed = await db
      .selectFrom('processed_events')
      .select('event_id')
      .where('consumer', '=', group)
      .where('event_id', '=', toNobody.id)
      .executeTakeFirst();
    expect(claimed?.event_id).toBe(toNobody.id);
    expect(
      await db
        .selectFrom('mail_outbox')
        .select('id')
        .where('message_id', '=', shareMailMessageId(toNobody.id))
        .execute(),
    ).toEqual([]);
    expect((await readDeadLetters(kafka, topic, group)).length).toBe(0);
  });

  it('deleting the account that took an invited address erases the invitation mails to it', async () => {
    const owner = await signUp('Ivy');
    const invitee = address('later');
    const invited = memberInvited(project(owner.id), invitee);
    await publish(invited);
    await mailOf(invitee, invited);
    const r = await graphqlRequest(
      service.url,
      `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
      { input: { email: invitee.toUpperCase(), password: 'Tr0ub4dor&3-long', name: 'Later' } },
    );
    expect(r.errors).toBeUndefined();
    const other = address('other');
    const otherInvited = memberInvited(project(owner.id), other);
    await publish(otherInvited);
    await mailOf(other, otherInvited);

    await deleteUser(db, r.data.signUp.user.id, { actor: null });
    expect(await findMailsTo(db, invitee)).toEqual([]);
    expect(await findMailsTo(db, invitee.toUpperCase())).toEqual([]);
    expect(await findMailsTo(db, other)).toHaveLength(1);
  });
});
