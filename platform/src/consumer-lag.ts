import type { Admin, Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { prom, singleMetric, type MetricsRegistry } from './metrics.js';

export interface ConsumerLagMonitorOptions {
  /** Consumer group whose committed offsets are measured. */
  groupId: string;
  topics: string[];
  kafka: Kafka;
  registry: MetricsRegistry;
  logger: Logger;
  /** How often the lag is measured (default 15000). */
  intervalMs?: number;
  /** Where the group starts on a partition without a committed offset (the runner's `fromBeginning`). */
  fromBeginning: boolean;
}

export interface ConsumerLagMonitor {
  /** Connects its admin client and measures every `intervalMs` until stopped. */
  start(): void;
  /** Stops measuring and disconnects. */
  stop(): Promise<void>;
  /** One measurement now; rejects when the brokers do not answer. */
  measure(): Promise<void>;
}

/** Messages a group still has to read on a partition: what lies between its position and the high watermark. */
export function partitionLag(
  offsets: { committed: string; high: string; low: string },
  fromBeginning: boolean,
): number {
  const committed = Number(offsets.committed);
  // No commit yet (-1): the group will start at the oldest retained message, or at the end.
  const position = committed >= 0 ? committed : fromBeginning ? Number(offsets.low) : Number(offsets.high);
  return Math.max(0, Number(offsets.high) - position);
}

/**
 * `consumer_lag_messages{consumer, topic, partition}` from the group's committed offsets and the
 * partitions' high watermarks, measured on a timer by an admin client of its own. Measured
 * apart from the fetch loop so that a consumer stuck in a handler shows a lag that grows
 * instead of its last value. Cost per measurement: one OffsetFetch for the group and one
 * ListOffsets per topic, whatever the traffic; a measurement still in flight skips the next tick.
 * Every replica of a group reports the same numbers (dashboards take the `max`).
 */
export function createConsumerLagMonitor(options: ConsumerLagMonitorOptions): ConsumerLagMonitor {
  const { groupId, topics, kafka, registry, fromBeginning } = options;
  const intervalMs = options.intervalMs ?? 15_000;
  const log = options.logger.child({ component: 'consumer-lag', consumer: groupId });
  const gauge = singleMetric(
    registry,
    'consumer_lag_messages',
    () =>
      new prom.Gauge({
        name: 'consumer_lag_messages',
        help: 'Messages between the group committed offset and the partition high watermark, measured on a timer',
        labelNames: ['consumer', 'topic', 'partition'],
        registers: [registry],
      }),
  );
  let admin: Admin | undefined;
  let connected = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  async function measure(): Promise<void> {
    const client = (admin ??= kafka.admin());
    if (!connected) {
      await client.connect();
      connected = true;
    }
    const committedByTopic = await client.fetchOffsets({ groupId, topics });
    for (const { topic, partitions } of committedByTopic) {
      const committed = new Map(partitions.map((p) => [p.partition, p.offset]));
      for (const p of await client.fetchTopicOffsets(topic)) {
        const lag = partitionLag(
          { committed: committed.get(p.partition) ?? '-1', high: p.high, low: p.low },
          fromBeginning,
        );
        gauge.set({ consumer: groupId, topic, partition: String(p.partition) }, lag);
      }
    }
  }

  function tick(): void {
    if (inFlight) return;
    inFlight = measure()
      .catch((error) => {
        if (timer) log.warn({ err: error }, 'consumer lag not measured');
      })
      .finally(() => (inFlight = undefined));
  }

  return {
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      // Disconnecting fails a measurement in flight at once; waiting for it could take the
      // client's whole retry budget when the brokers are gone.
      const client = admin;
      admin = undefined;
      connected = false;
      await client?.disconnect().catch(() => undefined);
      await inFlight;
    },
    measure,
  };
}
