import { deleteUserIdempotencyRecords } from '@taskwire/platform/idempotency.repository';
import { sql, type Insertable } from 'kysely';
import type { Executor } from '@taskwire/platform/database';
import type { TasksDatabase, UserProfileTable } from '../../db/database.js';
import { eraseUserProjects } from '../project/project.repository.js';
import { eraseUserSavedViews } from '../saved-view/saved-view.repository.js';

type Db = Executor<TasksDatabase>;

/** A user's state as projected (every column but the bookkeeping ones). */
export type UserProfileRow = Omit<Insertable<UserProfileTable>, 'updated_at' | 'deleted_at' | 'email_lower'>;
/* `email_verified` omitted keeps what is stored (older events do not carry it). */

/**
 * Records a user's state unless a newer snapshot is already there or the user was deleted
 * (per-user order holds on the topic, but a re-driven dead letter can arrive late).
 */
export async function upsertUserProfile(db: Db, row: UserProfileRow): Promise<void> {
  const values = { ...row, email_lower: row.email?.toLowerCase() ?? null };
  await db
    .insertInto('user_profile')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('user_id')
        .doUpdateSet({
          email: values.email,
          email_lower: values.email_lower,
          ...(row.email_verified !== undefined ? { email_verified: row.email_verified } : {}),
          time_zone: values.time_zone,
          source_updated_at: values.source_updated_at,
          updated_at: sql`now()`,
        })
        .where('user_profile.deleted_at', 'is', null)
        .where('user_profile.source_updated_at', '<=', values.source_updated_at),
    )
    .execute();
}

/** Forgets a user's personal data and keeps a tombstone, so no older event revives it. */
export async function markUserDeleted(db: Db, userId: string, deletedAt: Date): Promise<void> {
  const tombstone = { email: null, email_lower: null, time_zone: null, deleted_at: deletedAt };
  await db
    .insertInto('user_profile')
    .values({ user_id: userId, source_updated_at: deletedAt, ...tombstone })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...tombstone, updated_at: sql`now()` }))
    .execute();
}

/** The user's time zone as projected, or undefined when no event about them has arrived yet. */
export async function findUserTimeZone(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_profile')
    .select('time_zone')
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return row?.time_zone ?? undefined;
}

/**
 * The id of the (not deleted) user with this e-mail address, compared case-insensitively as
 * accounts does; when a change is in flight and two rows hold it, the latest snapshot wins.
 */
export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_profile')
    .select('user_id')
    .where('email_lower', '=', email.trim().toLowerCase())
    .where('deleted_at', 'is', null)
    .orderBy('source_updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.user_id;
}

/** The projected row of a user who is not deleted, or undefined. */
export async function findLiveProfile(db: Db, userId: string) {
  return db
    .selectFrom('user_profile')
    .selectAll()
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The projected row, deleted or not (tests, diagnostics). */
export async function findUserProfile(db: Db, userId: string) {
  return db.selectFrom('user_profile').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/*
 * Erasure against writes racing it: a write that creates rows for a user (a new task, the next
 * instance of a series) holds this user's lock shared and checks the tombstone in its own
 * transaction; the erasure holds it exclusively while it writes the tombstone and deletes. So
 * a write either commits before the erasure deletes (and is deleted with the rest) or sees
 * the tombstone (and refuses): nothing of a deleted user is left behind.
 */
const userLockKey = (userId: string) => sql`hashtextextended(${'taskwire-user:' + userId}, 0)`;

/**
 * Holds the user's erasure lock (shared) until the transaction ends.
 * @returns false when the user was deleted: the caller must write nothing for them.
 */
export async function holdLiveUser(db: Db, userId: string): Promise<boolean> {
  await sql`select pg_advisory_xact_lock_shared(${userLockKey(userId)})`.execute(db);
  const tombstone = await db
    .selectFrom('user_profile')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('deleted_at', 'is not', null)
    .executeTakeFirst();
  return tombstone === undefined;
}

/** Holds the user's erasure lock exclusively until the transaction ends (see `holdLiveUser`). */
export async function lockUserForErasure(db: Db, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${userLockKey(userId)})`.execute(db);
}

/**
 * Deletes every row of the user in this schema but the tombstone: tasks, their tag
 * projection, their memberships and the projects they own, their saved views, the user's outbox
 * rows, published or not (what is not relayed yet is never told: every consumer erases the user
 * anyway), and the relayed rows that name them. Deleting tasks here emits no `task.deleted`.
 * @returns how many rows went, per table.
 */
export async function eraseUserRows(db: Db, userId: string): Promise<Record<string, number>> {
  const tags = await db.deleteFrom('task_tags').where('user_id', '=', userId).executeTakeFirst();
  // Their own tasks, and every task of the projects they still own (no other member was left).
  const tasks = await db
    .deleteFrom('tasks')
    .where((eb) =>
      eb.or([
        eb('user_id', '=', userId),
        eb('project_id', 'in', eb.selectFrom('projects').select('id').where('owner_id', '=', userId)),
      ]),
    )
    .executeTakeFirst();
  const { memberships, projects } = await eraseUserProjects(db, userId);
  const quota = await db.deleteFrom('share_quota').where('user_id', '=', userId).executeTakeFirst();
  const savedViews = await eraseUserSavedViews(db, userId);
  // Their own events, and every relayed event that names them (e.g. as the actor of a change to
  // someone else's task). An event of another user not relayed yet is relayed first.
  const outbox = await db
    .deleteFrom('outbox')
    .where((eb) =>
      eb.or([
        eb(sql<string>`envelope->>'userId'`, '=', userId),
        eb.and([eb('published_at', 'is not', null), eb(sql<number>`strpos(envelope::text, ${userId})`, '>', 0)]),
      ]),
    )
    .executeTakeFirst();
  return {
    task_tags: Number(tags.numDeletedRows),
    tasks: Number(tasks.numDeletedRows),
    project_members: memberships,
    projects,
    share_quota: Number(quota.numDeletedRows),
    saved_views: savedViews,
    outbox: Number(outbox.numDeletedRows),
    idempotency_keys: await deleteUserIdempotencyRecords(db, userId),
  };
}
