/**
 * For the int tests of accounts' `project-events` consumers (share mails, the membership
 * projection): an accounts service whose two consumers read a private topic of the test's own,
 * and a producer that publishes onto it as the tasks subgraph's outbox relay does.
 */
import type { Kafka, Producer } from 'kafkajs';
import { parseConfig } from '@taskwire/platform/config';
import type { EventEnvelope } from '@taskwire/platform/events';
import { createEventProducer, createKafka } from '@taskwire/platform/kafka';
import {
  createTestDatabase,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  uniqueSuffix,
} from '../../../../test/support.js';
import { createAccountsDatabase } from '../db/database.js';
import { accountsConfigSchema } from '../env.js';
import { startAccountsService, type AccountsService } from '../service.js';

export interface ProjectEventsFixture {
  kafka: Kafka;
  topic: string;
  /** Consumer groups (and inbox names) of the share mails and of the membership projection. */
  groups: { shareMails: string; projectMembers: string };
  service: AccountsService;
  db: ReturnType<typeof createAccountsDatabase>;
  /** Publishes as the outbox relay does: key = the project id (one partition per project, in order). */
  publish(...events: EventEnvelope[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startProjectEventsFixture(
  label: string,
  env: Record<string, string> = {},
): Promise<ProjectEventsFixture> {
  const suffix = uniqueSuffix();
  const topic = `project-events.${label}-${suffix}`;
  const groups = { shareMails: `accounts-share-mail-${suffix}`, projectMembers: `accounts-project-members-${suffix}` };
  const kafka = createKafka({ brokers: testKafkaBrokers(), clientId: `${label}-test-${suffix}` });
  await createTopics(kafka, topic);
  const producer: Producer = createEventProducer(kafka);
  await producer.connect();
  const { pem } = await testKeys();
  const databaseUrl = await createTestDatabase(label.replaceAll('-', '_'));
  const service = await startAccountsService(
    parseConfig(accountsConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      GATEWAY_SECRET: testGatewaySecret,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      OUTBOX_RELAY_ENABLED: 'false',
      // Queued mails stay in the outbox with their text, where the tests read them.
      MAIL_SENDER_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      JWT_PRIVATE_KEY: pem.privateKeyPem,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      ...env,
    }),
    {
      shareMails: { name: groups.shareMails, topics: [topic], fromBeginning: true },
      projectMembers: { name: groups.projectMembers, topics: [topic], fromBeginning: true },
    },
  );
  const db = createAccountsDatabase(databaseUrl);
  const fixture: ProjectEventsFixture = {
    kafka,
    topic,
    groups,
    service,
    db,
    async publish(...events) {
      await producer.send({
        topic,
        acks: -1,
        messages: events.map((e) => ({
          key: e.subject,
          value: JSON.stringify(e),
          headers: { 'x-event-type': e.type, 'x-event-id': e.id },
        })),
      });
    },
    async stop() {
      await service.stop();
      await db.destroy();
      await producer.disconnect();
      await deleteTopics(kafka, topic);
    },
  };
  return fixture;
}

async function createTopics(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 3, replicationFactor: 1 },
      { topic: `${topic}.dlq`, numPartitions: 1, replicationFactor: 1 },
    ],
    waitForLeaders: true,
  });
  await admin.disconnect();
}

async function deleteTopics(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
  await admin.disconnect();
}
