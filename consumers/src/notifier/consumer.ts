import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createConsumerRunner } from '@taskwire/platform/consumer-runner';
import { createKafka } from '@taskwire/platform/kafka';
import { createLogger } from '@taskwire/platform/logger';
import { prom, type MetricsRegistry } from '@taskwire/platform/metrics';
import { createNotifierDatabase, type NotifierDatabase } from './db/database.js';
import type { NotifierConfig } from './env.js';
import { handle, notifierEventTypes } from './handler.js';
import { countOpenEmails, oldestDueEmailAgeSeconds } from './repository.js';
import { createMailSender, type MailSenderOptions } from './sender.js';

export interface Notifier {
  start(): Promise<void>;
  /** Stops fetching and sending (finishing what is in flight), disconnects, closes the pool. */
  stop(): Promise<void>;
  ready(): boolean;
  db: Kysely<NotifierDatabase>;
}

export interface NotifierDeps {
  logger?: Logger;
  registry?: MetricsRegistry;
  transport?: MailSenderOptions['transport'];
}

/**
 * notifier: `reminder.due` → a pending mail (inbox + row in one transaction), sent by the
 * mail sender once the grace period passed unless the firing was acknowledged
 * (`reminder.acknowledged`), to the address projected from `user-events`. One consumer group
 * reads both topics: one inbox, one readiness, and no ordering between the topics is assumed
 * either way (the sender waits for a recipient that is not projected yet). The schema
 * `notifier` must be migrated (`migrateNotifier`).
 */
export function createNotifier(config: NotifierConfig, deps: NotifierDeps = {}): Notifier {
  const logger = deps.logger ?? createLogger('notifier', config.LOG_LEVEL);
  const db = createNotifierDatabase(config.DATABASE_URL, 6);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.CONSUMER_GROUP, logger });
  const registers = deps.registry ? [deps.registry] : [];
  const outcomes = new prom.Counter({
    name: 'notifier_mail_outcomes_total',
    help: 'Reminder mail attempts by outcome',
    labelNames: ['outcome'],
    registers,
  });
  const scheduled = new prom.Counter({
    name: 'notifier_scheduled_total',
    help: 'reminder.due events turned into pending mails',
    registers,
  });
  if (deps.registry) {
    new prom.Gauge({
      name: 'notifier_open_mails',
      help: 'Mails pending or being sent',
      registers,
      async collect() {
        this.set(await countOpenEmails(db).catch(() => -1));
      },
    });
    new prom.Gauge({
      name: 'taskwire_notifier_mail_oldest_due_seconds',
      help: 'How long the longest-overdue unsent mail has been due (0 when none; -1 when the database did not answer)',
      registers,
      async collect() {
        this.set(await oldestDueEmailAgeSeconds(db).catch(() => -1));
      },
    });
  }
  const runner = createConsumerRunner<NotifierDatabase, (typeof notifierEventTypes)[number]>({
    name: config.CONSUMER_GROUP,
    topics: [config.REMINDER_EVENTS_TOPIC, config.USER_EVENTS_TOPIC],
    kafka,
    db,
    logger,
    handle: async (trx, event) => {
      if ((await handle(trx, event, config.REMINDER_EMAIL_GRACE_SECONDS)) === 'scheduled') scheduled.inc();
    },
    types: notifierEventTypes,
    sessionTimeoutMs: config.NOTIFIER_SESSION_TIMEOUT_MS,
    fromBeginning: config.NOTIFIER_FROM_BEGINNING,
    ...(deps.registry ? { registry: deps.registry } : {}),
  });
  const sender = createMailSender({
    db,
    logger,
    smtpUrl: config.SMTP_URL,
    mailFrom: config.MAIL_FROM,
    webUrl: config.WEB_URL,
    pollMs: config.NOTIFIER_POLL_MS,
    retryBaseMs: config.NOTIFIER_RETRY_BASE_MS,
    retryMaxMs: config.NOTIFIER_RETRY_MAX_MS,
    leaseSeconds: config.NOTIFIER_SEND_LEASE_SECONDS,
    recipientWaitSeconds: config.NOTIFIER_RECIPIENT_WAIT_SECONDS,
    onOutcome: (outcome) => outcomes.inc({ outcome }),
    ...(deps.transport ? { transport: deps.transport } : {}),
  });
  return {
    db,
    async start() {
      await runner.start();
      sender.start();
    },
    async stop() {
      await runner.stop();
      await sender.stop();
      await db.destroy();
    },
    ready: () => runner.ready(),
  };
}
