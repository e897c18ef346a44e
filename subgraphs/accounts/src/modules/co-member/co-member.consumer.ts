import type { Kysely } from 'kysely';
import { createConsumerRunner, type ConsumerRunner } from '@taskwire/platform/consumer-runner';
import { topics } from '@taskwire/platform/events';
import { createKafka } from '@taskwire/platform/kafka';
import type { Logger } from '@taskwire/platform/logger';
import type { MetricsRegistry } from '@taskwire/platform/metrics';
import type { Executor } from '@taskwire/platform/database';
import { applyMembershipEvent, membershipEventTypes, type MembershipEvent } from '@taskwire/platform/project-members';
import type { AccountsDatabase } from '../../db/database.js';
import { holdExistingUser } from '../user/user.repository.js';

/** Consumer group and inbox name of accounts' membership projection. */
export const coMemberConsumer = 'accounts-project-members';

export interface CoMemberConsumerOptions {
  /** Consumer group and inbox name (default `accounts-project-members`). */
  name?: string;
  /** Default `project-events`. */
  topics?: string[];
  /** Where a group without committed offsets starts (default true: the projection needs every membership). */
  fromBeginning?: boolean;
}

/**
 * Keeps accounts' `project_member` projection from `project-events` (platform/src/project-members.ts),
 * which decides whose names and addresses a user may read (User references of co-members).
 */
export function createCoMemberConsumer(
  deps: { db: Kysely<AccountsDatabase>; kafkaBrokers: string[]; logger: Logger; registry: MetricsRegistry },
  options: CoMemberConsumerOptions = {},
): ConsumerRunner {
  const name = options.name ?? coMemberConsumer;
  const logger = deps.logger.child({ component: 'co-member' });
  return createConsumerRunner({
    name,
    topics: options.topics ?? [topics.project],
    kafka: createKafka({ brokers: deps.kafkaBrokers, clientId: name, logger }),
    db: deps.db,
    logger,
    registry: deps.registry,
    types: membershipEventTypes,
    fromBeginning: options.fromBeginning ?? true,
    handle: applyUnlessDeleted,
  });
}

/** The user a membership event makes a member (none for removals and deletions). */
function joiningUser(event: MembershipEvent): string | null {
  if (event.type === 'project.created') return event.data.project.ownerId;
  if (event.type === 'member.added' || event.type === 'member.updated') return event.data.member.userId;
  return null;
}

/**
 * Applies `event` unless it would make a deleted account a member again (an event read after
 * the deletion, which erased the account's memberships in its own transaction).
 */
export async function applyUnlessDeleted(trx: Executor<AccountsDatabase>, event: MembershipEvent): Promise<void> {
  const userId = joiningUser(event);
  if (userId !== null && !(await holdExistingUser(trx, userId))) return;
  await applyMembershipEvent(trx, event);
}
