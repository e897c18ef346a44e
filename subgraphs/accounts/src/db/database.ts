import type { Generated, Selectable } from 'kysely';
import { createDatabase } from '@taskwire/platform/database';
import type { ProjectMemberTable } from '@taskwire/platform/project-members';
import type { IdempotencyKeysTable } from '@taskwire/platform/idempotency.repository';
import type { ProcessedEventsTable } from '@taskwire/platform/inbox';
import type { OutboxTable } from '@taskwire/platform/outbox';

export const accountsSchema = 'accounts';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  time_zone: string;
  password_hash: string;
  /** Whether the owner followed a verification link sent to `email`. */
  email_verified: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A signed-in session: the family of its rotating refresh tokens (docs/sessions.md). */
export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
  user_agent: string | null;
  client_address: string;
  /** Absolute limit: created_at + SESSION_MAX_DAYS. */
  expires_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

/** A refresh token, known only by its SHA-256; single use. */
export interface RefreshTokensTable {
  token_hash: string;
  session_id: string;
  created_at: Generated<Date>;
  used_at: Date | null;
  /**
   * The successor issued when this token was spent, sealed with a key derived from this token
   * (only its holder can open it): a repeat within the grace window answers the same successor.
   */
  successor_sealed: string | null;
}

/** A single-use link token (password reset, e-mail verification), known only by its SHA-256. */
export interface LinkTokensTable {
  token_hash: string;
  purpose: 'password_reset' | 'verify_email';
  user_id: string;
  /** The address being verified (verify_email); the account's address otherwise. */
  email: string;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

/** Accounts' own mail outbox: mails that carry a secret never travel through Kafka. */
export interface MailOutboxTable {
  id: Generated<string>;
  /** The account the mail is to; null for an invitation to an address without one. */
  user_id: string | null;
  recipient: string;
  subject: string;
  /** The text; emptied once sent, so the link's secret lives in the database only until then. */
  body: string;
  /** Stable across attempts: a resend is recognisable as the same message. */
  message_id: string;
  created_at: Generated<Date>;
  next_attempt_at: Generated<Date>;
  attempts: Generated<number>;
  last_error: string | null;
  sent_at: Date | null;
}

export interface SignInFailuresTable {
  id: Generated<string>;
  /** lower(email) of the attempted account (also for unknown e-mails). */
  account_key: string;
  client_address: string;
  failed_at: Generated<Date>;
}

export interface AccountsDatabase {
  users: UsersTable;
  sign_in_failures: SignInFailuresTable;
  outbox: OutboxTable;
  idempotency_keys: IdempotencyKeysTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  link_tokens: LinkTokensTable;
  mail_outbox: MailOutboxTable;
  /** Inbox of the share-mail consumer (`project-events`): one row per event it handled. */
  processed_events: ProcessedEventsTable;
  /** Who shares a project with whom (modules/co-member), from `project-events`. */
  project_member: ProjectMemberTable;
}

export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type LinkTokenRow = Selectable<LinkTokensTable>;
export type MailRow = Selectable<MailOutboxTable>;

export function createAccountsDatabase(url: string) {
  return createDatabase<AccountsDatabase>({ url, schema: accountsSchema, applicationName: 'accounts' });
}
