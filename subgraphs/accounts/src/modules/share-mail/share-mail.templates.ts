/*
 * The texts of the mails about shared projects (share-mail.handler.ts). Project and user names
 * are user input: each is flattened onto one line before it goes into a subject or a sentence.
 * Subjects name the project but no person: a sent mail keeps its subject (its body is emptied),
 * and the sharer's name should not outlive the sharer's account in someone else's mail row.
 */
import type { EventData } from '@taskwire/platform/events';
import type { AccountMail } from '../mail/mail.templates.js';

export type ShareRole = EventData<'member.added'>['member']['role'];

/** The longest name (in code points) a mail quotes; longer ones are cut with an ellipsis. */
export const maxQuotedChars = 120;

// Line breaks and other control characters (Cc, U+2028/U+2029) become spaces; bidi controls,
// which could make the quoted name display as other text, go.
const breaksAndControls = /[\p{Cc}\u2028\u2029]+/gu;
const bidiControls = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` on one line: no control characters or bidi overrides, runs of spaces collapsed, cut at `maxChars`. */
export function oneLine(text: string, maxChars = maxQuotedChars): string {
  const flat = text.replace(bidiControls, '').replace(breaksAndControls, ' ').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > maxChars ? `${chars.slice(0, maxChars - 1).join('')}…` : flat;
}

const roleNames: Record<ShareRole, string> = { OWNER: 'owner', EDITOR: 'editor', VIEWER: 'viewer' };
const roleRights: Record<ShareRole, string> = {
  OWNER: 'manage it and its tasks',
  EDITOR: 'add, change and complete its tasks',
  VIEWER: 'see its tasks',
};

/** `"<name>"`, one line; a name that is empty once flattened is described instead. */
function quotedProject(name: string): string {
  const flat = oneLine(name);
  return flat ? `"${flat}"` : 'an unnamed project';
}

/** The person's name on one line, or a neutral description when they are unknown (account deleted). */
function personOrSomeone(name: string | null): string {
  const flat = name === null ? '' : oneLine(name);
  return flat || 'A Taskwire user';
}

function appLink(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/`;
}

/** To a user who just became a member of a project (shared with their verified address). */
export function projectSharedMail(input: {
  publicUrl: string;
  recipientName: string;
  /** Who shared it; null when that account no longer exists. */
  sharerName: string | null;
  projectName: string;
  role: ShareRole;
}): AccountMail {
  const project = quotedProject(input.projectName);
  const greeting = oneLine(input.recipientName);
  return {
    subject: `The Taskwire project ${project} was shared with you`,
    body:
      `Hello${greeting ? ` ${greeting}` : ''},\n\n` +
      `${personOrSomeone(input.sharerName)} shared the project ${project} with you as ${roleNames[input.role]}.\n` +
      `You can ${roleRights[input.role]}; it is in your project list now:\n\n` +
      `${appLink(input.publicUrl)}\n`,
  };
}

/** To an address without a verified account: an invitation to sign up (or verify) and join. */
export function projectInvitationMail(input: {
  publicUrl: string;
  email: string;
  /** Who invited; null when that account no longer exists. */
  inviterName: string | null;
  projectName: string;
  role: ShareRole;
}): AccountMail {
  const project = quotedProject(input.projectName);
  const address = oneLine(input.email, 254);
  return {
    subject: `You are invited to the Taskwire project ${project}`,
    body:
      `Hello,\n\n` +
      `${personOrSomeone(input.inviterName)} invited you to the project ${project} on Taskwire as ` +
      `${roleNames[input.role]} (you will be able to ${roleRights[input.role]}).\n\n` +
      `To join, sign up with this address (${address}) here:\n\n` +
      `${appLink(input.publicUrl)}\n\n` +
      `The address must be verified: follow the link in the mail Taskwire sends you after signing up,\n` +
      `and the project appears in your list. If you already have an account with this address,\n` +
      `verifying the address is enough.\n\n` +
      `If you do not want to join, ignore this mail.\n`,
  };
}
