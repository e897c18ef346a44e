import type { IHeaders, Kafka } from 'kafkajs';
import { uuidv7 } from 'uuidv7';
import { deadLetterTopic, type EventEnvelope, type EventOf } from './contract.js';

/**
 * For tests of the unhappy path only: an envelope that the contract has NOT checked (any
 * type, version or payload). Producers use `buildEvent`.
 */
export function rawEnvelope(
  fields: Partial<EventEnvelope> & Pick<EventEnvelope, 'type' | 'subject' | 'userId'>,
): EventEnvelope {
  return {
    id: uuidv7(),
    version: 1,
    occurredAt: new Date().toISOString(),
    actor: null,
    data: {},
    traceparent: null,
    correlationId: null,
    ...fields,
  };
}

export interface DeadLetter {
  eventId: string | null;
  kind: string;
  error: string;
}

const text = (headers: IHeaders | undefined, name: string) => headers?.[name]?.toString() ?? '';

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Dead letters that consumer group `consumer` wrote to `<topic>.dlq` so far, read from the start. */
export async function readDeadLetters(kafka: Kafka, topic: string, consumer: string): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const end = (await admin.fetchTopicOffsets(deadLetterTopic(topic))).reduce((n, p) => n + Number(p.high), 0);
  await admin.disconnect();
  const seen: DeadLetter[] = [];
  let read = 0;
  if (end === 0) return seen;
  const reader = kafka.consumer({ groupId: `dlq-reader-${uuidv7()}`, maxWaitTimeInMs: 200 });
  await reader.connect();
  try {
    await reader.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        read += 1;
        if (text(message.headers, 'x-consumer') !== consumer) return;
        let eventId: string | null = null;
        try {
          eventId = (JSON.parse(message.value?.toString() ?? '') as { id?: string }).id ?? null;
        } catch {
          // an undecodable value has no id
        }
        seen.push({ eventId, kind: text(message.headers, 'x-error-kind'), error: text(message.headers, 'x-error') });
      },
    });
    await poll('the dead-letter topic to be read', 30_000, async () => (read >= end ? true : undefined));
  } finally {
    await reader.disconnect();
  }
  return seen;
}

export interface ContractCheck {
  kafka: Kafka;
  topic: string;
  /** The consumer group under test (its `x-consumer`). */
  consumer: string;
  /** A valid event of a type the consumer handles: sent with an unknown version, and with its payload emptied. */
  handled: EventOf;
  /** A valid event of a type the consumer does not handle: must be committed past, not dead-lettered. */
  unhandled: EventOf;
  /** Sent last: the consumer must still apply it. */
  later: EventOf;
  applied: () => Promise<boolean>;
  timeoutMs?: number;
}

/**
 * The contract every consumer keeps (schema/EVENTS.md "Parsing"): an unknown version and an
 * off-contract payload of a handled type land in its DLQ with the reason, a type it does not
 * handle does not, and a later message is still applied. Returns the two dead letters.
 */
export async function checkContractDeadLetters(check: ContractCheck): Promise<{
  unknownVersion: DeadLetter | undefined;
  invalidPayload: DeadLetter | undefined;
  unhandled: DeadLetter | undefined;
}> {
  const { kafka, topic, consumer, handled, unhandled, later } = check;
  const timeoutMs = check.timeoutMs ?? 30_000;
  const unknownVersion = { ...handled, id: uuidv7(), version: 99 };
  const invalidPayload = { ...handled, id: uuidv7(), data: {} };
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic,
    acks: -1,
    messages: [unknownVersion, invalidPayload, unhandled, later].map((e) => ({
      key: handled.subject,
      value: JSON.stringify(e),
    })),
  });
  await producer.disconnect();
  await poll('the later event to be applied', timeoutMs, async () => ((await check.applied()) ? true : undefined));
  const letters = await poll('both dead letters', timeoutMs, async () => {
    const found = await readDeadLetters(kafka, topic, consumer);
    const ids = new Set(found.map((d) => d.eventId));
    return ids.has(unknownVersion.id) && ids.has(invalidPayload.id) ? found : undefined;
  });
  const of = (id: string) => letters.find((d) => d.eventId === id);
  return { unknownVersion: of(unknownVersion.id), invalidPayload: of(invalidPayload.id), unhandled: of(unhandled.id) };
}
