import type { Transaction } from 'kysely';
import type { EventOf } from '@taskwire/platform/events';
import type { AccountsDatabase } from '../../db/database.js';
import { enqueueMailOnce } from '../mail/mail.repository.js';
import type { AccountMail } from '../mail/mail.templates.js';
import { findUserByEmail, findUsersByIds } from '../user/user.repository.js';
import { projectInvitationMail, projectSharedMail } from './share-mail.templates.js';

/** Consumer group and inbox name of the share mails. */
export const shareMailConsumer = 'accounts-share-mail';

/** The `project-events` types that send a mail; the runner skips the rest. */
export const shareMailTypes = ['member.added', 'member.invited'] as const;

export type ShareMailEvent = EventOf<(typeof shareMailTypes)[number]>;

type Trx = Transaction<AccountsDatabase>;

/** A mail ready to queue: to whom, and for which account (null: an address without one). */
interface ShareMail extends AccountMail {
  userId: string | null;
  recipient: string;
}

/** What the outcome of one event was (logged and returned for tests). */
export type ShareMailOutcome = 'queued' | 'duplicate' | 'member-gone';

/** Stable per event: a second delivery finds the first mail by it (and a resend is recognisable). */
export function shareMailMessageId(eventId: string): string {
  return `<share-${eventId}@taskwire>`;
}

/** The name of user `id`, or null when no such account exists (any more). */
async function nameOf(trx: Trx, id: string): Promise<string | null> {
  const [user] = await findUsersByIds(trx, [id]);
  return user?.name ?? null;
}

/**
 * `member.added`: the new member's own (verified) address. The sharer is the actor, or the
 * owner when the system accepted an invitation (actor null). A member whose account is gone gets
 * nothing.
 */
async function newMemberMail(trx: Trx, event: EventOf<'member.added'>, publicUrl: string): Promise<ShareMail | null> {
  const { project, member } = event.data;
  const [recipient] = await findUsersByIds(trx, [member.userId]);
  if (!recipient) return null;
  const sharerId = event.actor ?? project.ownerId;
  const sharerName = sharerId === recipient.id ? null : await nameOf(trx, sharerId);
  return {
    userId: recipient.id,
    recipient: recipient.email,
    ...projectSharedMail({
      publicUrl,
      recipientName: recipient.name,
      sharerName,
      projectName: project.name,
      role: member.role,
    }),
  };
}

/**
 * `member.invited`: the invited address. The mail belongs to the account that holds the address
 * unverified, if one does (its deletion then erases the mail with it), else to no account.
 */
async function invitationMail(trx: Trx, event: EventOf<'member.invited'>, publicUrl: string): Promise<ShareMail> {
  const { project, invitation, invitedBy } = event.data;
  const holder = await findUserByEmail(trx, invitation.email);
  return {
    userId: holder?.id ?? null,
    recipient: invitation.email,
    ...projectInvitationMail({
      publicUrl,
      email: invitation.email,
      inviterName: await nameOf(trx, invitedBy),
      projectName: project.name,
      role: invitation.role,
    }),
  };
}

/**
 * Queues the mail an event asks for, in the runner's transaction (which has claimed the event in
 * the inbox): at most one per event, also when the event is delivered twice, since the Message-ID
 * derives from the event id. Never throws for a missing person: a deleted member gets no mail, an
 * unknown sharer or inviter is named neutrally.
 */
export async function handleShareMailEvent(
  trx: Trx,
  event: ShareMailEvent,
  policy: { publicUrl: string },
): Promise<ShareMailOutcome> {
  const mail =
    event.type === 'member.added'
      ? await newMemberMail(trx, event, policy.publicUrl)
      : await invitationMail(trx, event, policy.publicUrl);
  if (!mail) return 'member-gone';
  const queued = await enqueueMailOnce(trx, { ...mail, messageId: shareMailMessageId(event.id) });
  return queued ? 'queued' : 'duplicate';
}
