import type { Kysely } from 'kysely';
import { createConsumerRunner, type ConsumerRunner } from '@taskwire/platform/consumer-runner';
import { topics } from '@taskwire/platform/events';
import { createKafka } from '@taskwire/platform/kafka';
import type { Logger } from '@taskwire/platform/logger';
import type { MetricsRegistry } from '@taskwire/platform/metrics';
import type { AccountsDatabase } from '../../db/database.js';
import { handleShareMailEvent, shareMailConsumer, shareMailTypes } from './share-mail.handler.js';

/** Where the consumer reads; tests isolate it on a private topic and group. */
export interface ShareMailConsumerOptions {
  /** Consumer group and inbox name (default `accounts-share-mail`). */
  name?: string;
  /** Default `project-events`. */
  topics?: string[];
  /**
   * Where a group without committed offsets starts (default false: at the topic's end). A new
   * group that replayed the topic would mail every share ever made again.
   */
  fromBeginning?: boolean;
}

export interface ShareMailConsumerDeps {
  db: Kysely<AccountsDatabase>;
  kafkaBrokers: string[];
  logger: Logger;
  registry: MetricsRegistry;
  publicUrl: string;
}

/**
 * The consumer that queues the mails of shared projects into `accounts.mail_outbox` (sent by
 * the mail sender like accounts' other mails): `member.added` tells the new member,
 * `member.invited` invites the address. The runner claims each event in the inbox in the same
 * transaction as the mail and commits the offset after it.
 */
export function createShareMailConsumer(
  deps: ShareMailConsumerDeps,
  options: ShareMailConsumerOptions = {},
): ConsumerRunner {
  const name = options.name ?? shareMailConsumer;
  const logger = deps.logger.child({ component: 'share-mail' });
  return createConsumerRunner({
    name,
    topics: options.topics ?? [topics.project],
    kafka: createKafka({ brokers: deps.kafkaBrokers, clientId: name, logger }),
    db: deps.db,
    logger,
    registry: deps.registry,
    types: shareMailTypes,
    fromBeginning: options.fromBeginning ?? false,
    handle: async (trx, event) => {
      const outcome = await handleShareMailEvent(trx, event, { publicUrl: deps.publicUrl });
      logger.info({ eventId: event.id, type: event.type, projectId: event.subject, outcome }, 'share mail');
    },
  });
}
