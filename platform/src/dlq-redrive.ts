import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { deadLetterHeaderNames } from './consumer-runner.js';
import { createEventProducer } from './kafka.js';

export interface RedriveOptions {
  kafka: Kafka;
  /** The dead-letter topic, e.g. `task-events.dlq`. */
  dlqTopic: string;
  /** Only messages dead-lettered by this consumer group (`x-consumer`); others stay. */
  consumer?: string;
  /** Print what would move; produce and commit nothing. */
  dryRun?: boolean;
  /** Called once per message moved (or that would move, in a dry run). */
  onMessage?: (moved: RedrivenMessage) => void;
}

export interface RedrivenMessage {
  partition: number;
  offset: string;
  /** Where it goes back to: `x-original-topic`. */
  topic: string;
  key: string | null;
  consumer: string | null;
  errorKind: string | null;
  eventId: string | null;
}

export interface RedriveResult {
  moved: RedrivenMessage[];
  /** Messages of the DLQ read past without moving (another consumer's). */
  passed: number;
}

/**
 * The consumer group that remembers how far a re-drive got. One per DLQ and filter: the
 * `--consumer` filter passes over other consumers' messages, so a filtered run must not
 * advance the unfiltered run's offsets (and the other way round).
 */
export function redriveGroupId(dlqTopic: string, consumer?: string): string {
  return `taskwire-dlq-redrive.${dlqTopic}.${consumer ?? 'all'}`;
}

const header = (headers: IHeaders | undefined, name: string): string | null => {
  const value = headers?.[name];
  if (value === undefined) return null;
  return (Array.isArray(value) ? value[0] : value)?.toString() ?? null;
};

/** The message's headers without those the dead-lettering added (tracing and event ids stay). */
export function cleanedHeaders(headers: IHeaders | undefined): IHeaders {
  const added = new Set<string>(Object.values(deadLetterHeaderNames));
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => !added.has(name)));
}

function describe(message: KafkaMessage, partition: number, dlqTopic: string): RedrivenMessage {
  return {
    partition,
    offset: message.offset,
    topic: header(message.headers, deadLetterHeaderNames.originalTopic) ?? dlqTopic.replace(/\.dlq$/, ''),
    key: message.key?.toString() ?? null,
    consumer: header(message.headers, deadLetterHeaderNames.consumer),
    errorKind: header(message.headers, deadLetterHeaderNames.errorKind),
    eventId: header(message.headers, 'x-event-id'),
  };
}

/** Per partition, the offset to read from and the end (high watermark) when the run started. */
async function pendingRanges(kafka: Kafka, dlqTopic: string, groupId: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(dlqTopic),
      admin.fetchOffsets({ groupId, topics: [dlqTopic] }),
    ]);
    const from = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? []);
    const pending = new Map<number, bigint>();
    for (const p of ends) {
      const start = from.get(p.partition) ?? -1n;
      const high = BigInt(p.high);
      // -1: nothing committed yet, so everything from the log start is pending.
      if ((start < 0n ? BigInt(p.low) : start) < high) pending.set(p.partition, high);
    }
    return pending;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Moves the messages of a dead-letter topic back to the topics they came from, with their
 * original key (hence partition) and value, exactly once: after each produce (acks=all) the
 * tool commits that message's offset on the DLQ in its own consumer group, so a re-run, or a
 * run after a crash, starts after the last message moved. Moving a message back redelivers it
 * to every consumer group of the original topic; the ones that had applied it already skip it
 * (their inbox knows the event id), the one that dead-lettered it applies it now.
 * Messages that arrive in the DLQ during the run are left for the next run.
 */
export async function redriveDeadLetters(options: RedriveOptions): Promise<RedriveResult> {
  const { kafka, dlqTopic, consumer: only, dryRun = false } = options;
  const groupId = redriveGroupId(dlqTopic, only);
  const ends = await pendingRanges(kafka, dlqTopic, groupId);
  const result: RedriveResult = { moved: [], passed: 0 };
  if (ends.size === 0) return result;

  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500, allowAutoTopicCreation: false });
  const producer = createEventProducer(kafka);
  await Promise.all([consumer.connect(), producer.connect()]);
  let finish: () => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const remaining = new Set(ends.keys());
  try {
    await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        try {
          const end = ends.get(partition);
          if (end === undefined || BigInt(message.offset) >= end) return;
          const moved = describe(message, partition, dlqTopic);
          const selected = only === undefined || moved.consumer === only;
          if (selected) {
            if (!dryRun)
              await producer.send({
                topic: moved.topic,
                acks: -1,
                messages: [{ key: message.key, value: message.value, headers: cleanedHeaders(message.headers) }],
              });
            result.moved.push(moved);
            options.onMessage?.(moved);
          } else {
            result.passed += 1;
          }
          const next = (BigInt(message.offset) + 1n).toString();
          if (!dryRun) await consumer.commitOffsets([{ topic: dlqTopic, partition, offset: next }]);
          if (BigInt(next) >= end) {
            remaining.delete(partition);
            if (remaining.size === 0) finish();
          }
        } catch (error) {
          fail(error);
          throw error;
        }
      },
    });
    await done;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
  }
  return result;
}
