/**
 * The ten faults of the suite, one scenario each. A scenario's `inject` runs while the workload
 * does, decides every moment and duration with the scenario's seeded PRNG (so a rerun with the
 * same seed injects the same schedule), and returns once the fault is cleared.
 */
import { Kafka, logLevel } from 'kafkajs';
import { firingIdOf, type Checker, type ConsumerGroup, type Poison } from './checker.js';
import type { Cluster, ServiceName } from './cluster.js';
import { between, type Rng } from './prng.js';

export interface ScenarioContext {
  cluster: Cluster;
  checker: Checker;
  rng: Rng;
  log: (line: string) => void;
  /** Marks the fault active (mutations acknowledged meanwhile are counted) or cleared. */
  faultOn(): void;
  faultOff(): void;
  /** Poison messages this scenario produced (the DLQ must hold exactly these). */
  poison: Poison[];
  /** Poison produced by earlier scenarios of this run (a full replay meets it again). */
  earlierPoison: Poison[];
  /** Extra checks a scenario makes after recovery (lines for the report; a failed one throws). */
  afterRecovery: Array<() => Promise<string>>;
  /** Gateway URL and a signed-up user's token, for scenario-specific mutations. */
  gql(query: string, variables?: Record<string, unknown>): Promise<any>;
}

export interface Scenario {
  id: number;
  name: string;
  inject(ctx: ScenarioContext): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGKILLs each service once at a random moment, restarting it after a random pause. */
async function killEach(ctx: ScenarioContext, names: ServiceName[], downMs: [number, number]): Promise<void> {
  for (const name of names) {
    await sleep(between(ctx.rng, 500, 3_000));
    const down = between(ctx.rng, downMs[0], downMs[1]);
    ctx.log(`SIGKILL ${name}; restart in ${down} ms`);
    ctx.faultOn();
    await ctx.cluster.kill(name, 'SIGKILL');
    await sleep(down);
    await ctx.cluster.start(name);
    ctx.faultOff();
  }
}

async function produce(brokers: string[], messages: Poison[]): Promise<void> {
  const producer = new Kafka({ clientId: 'taskwire-fault-poison', brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    for (const m of messages)
      await producer.send({ topic: m.topic, acks: -1, messages: [{ key: m.key, value: m.value }] });
  } finally {
    await producer.disconnect();
  }
}

export const scenarios: Scenario[] = [
  {
    id: 1,
    name: 'relay SIGKILL (tasks, planning, accounts)',
    // Each subgraph's outbox relay runs inside its subgraph process (subgraphs/*/src/service.ts):
    // killing the process kills the relay, at a moment the PRNG picks (under load: between a
    // publish and its mark, or not).
    inject: (ctx) => killEach(ctx, ['tasks', 'planning', 'accounts'], [300, 2_000]),
  },
  {
    id: 2,
    name: 'consumer SIGKILL mid-batch',
    inject: (ctx) => killEach(ctx, ['audit-writer', 'recurrence', 'planning-sync', 'notifier'], [300, 2_000]),
  },
  {
    id: 3,
    name: 'scheduler SIGKILL while reminders fall due',
    inject: async (ctx) => {
      for (let i = 0; i < 3; i += 1) await killEach(ctx, ['scheduler'], [500, 4_000]);
    },
  },
  {
    id: 4,
    name: 'subgraph and gateway SIGKILL under load',
    inject: (ctx) => killEach(ctx, ['tasks', 'planning', 'gateway'], [500, 2_500]),
  },
  {
    id: 5,
    name: 'Kafka broker killed and restarted',
    inject: async (ctx) => {
      // The probe of "a mutation made while Kafka is down succeeds and its effects appear later".
      const recurring = await ctx.gql(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
        i: {
          title: 'kafka-down probe',
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
          recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC' },
        },
      });
      const probeId = recurring.createTask.id as string;
      const plain = await ctx.gql(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
        i: { title: 'kafka-down probe (reminder)' },
      });
      const plainId = plain.createTask.id as string;
      // Both must be in planning's task projection before the broker goes (reminders need it).
      const { planning } = ctx.checker.dbs;
      for (let i = 0; ; i += 1) {
        const n = await planning
          .selectFrom('task_state')
          .select('task_id')
          .where('task_id', 'in', [probeId, plainId])
          .execute();
        if (n.length === 2) break;
        if (i > 300) throw new Error('probe tasks never reached planning');
        await sleep(100);
      }
      await ctx.gql(`mutation($id: ID!) { addReminder(input: { taskId: $id, offsetMinutes: 30 }) { id } }`, {
        id: probeId,
      });

      await sleep(between(ctx.rng, 1_000, 4_000));
      const down = between(ctx.rng, 4_000, 8_000);
      ctx.log(`SIGKILL the Kafka broker; restart in ${down} ms`);
      ctx.faultOn();
      await ctx.cluster.killKafka();
      await sleep(500);
      const completed = await ctx.gql(`mutation($id: ID!) { completeTask(id: $id) { status } }`, { id: probeId });
      const remindAt = new Date(Date.now() + 2_000).toISOString();
      const reminder = await ctx.gql(`mutation($i: AddReminderInput!) { addReminder(input: $i) { id } }`, {
        i: { taskId: plainId, remindAt },
      });
      const reminderId = reminder.addReminder.id as string;
      ctx.log(`while Kafka is down: completeTask → ${completed.completeTask.status}, addReminder → ${reminderId}`);
      await sleep(down);
      await ctx.cluster.startKafka();
      ctx.faultOff();

      ctx.afterRecovery.push(async () => {
        const { tasks, audit } = ctx.checker.dbs;
        const completedAudit = await audit
          .selectFrom('audit_entries')
          .select('id')
          .where('task_id', '=', probeId)
          .where('type', '=', 'task.completed')
          .execute();
        const next = await tasks
          .selectFrom('tasks')
          .select(['id', 'occurrence'])
          .where('series_id', '=', probeId)
          .where('occurrence', '=', 2)
          .execute();
        const nextReminders = next[0]
          ? await planning.selectFrom('reminder').select('id').where('task_id', '=', next[0].id).execute()
          : [];
        const firing = await planning
          .selectFrom('reminder_firing')
          .select('id')
          .where('reminder_id', '=', reminderId)
          .execute();
        const mailed = ctx.cluster.mails.some((m) => firing.some((f) => firingIdOf(m) === f.id));
        const line =
          `made while Kafka was down: completeTask acknowledged → audit rows ${completedAudit.length}, next instances ${next.length}, ` +
          `reminders copied to it ${nextReminders.length}; addReminder acknowledged → firings ${firing.length}, e-mailed ${mailed}`;
        if (
          completedAudit.length !== 1 ||
          next.length !== 1 ||
          nextReminders.length !== 1 ||
          firing.length !== 1 ||
          !mailed
        ) {
          throw new Error(`kafka-down probe failed: ${line}`);
        }
        return line;
      });
    },
  },
  {
    id: 6,
    name: 'PostgreSQL immediate shutdown and restart',
    inject: async (ctx) => {
      await sleep(between(ctx.rng, 1_000, 5_000));
      const down = between(ctx.rng, 2_000, 6_000);
      ctx.log(`PostgreSQL: immediate shutdown; restart in ${down} ms`);
      ctx.faultOn();
      await ctx.cluster.stopPostgresImmediate();
      await sleep(down);
      await ctx.cluster.startPostgres();
      ctx.faultOff();
    },
  },
  {
    id: 7,
    name: 'network to PostgreSQL / Kafka: slow, reset, black hole',
    inject: async (ctx) => {
      const { pgProxy, kafkaProxy } = ctx.cluster;
      const steps: Array<[string, () => void, number]> = [
        ['PostgreSQL +150 ms latency', () => pgProxy.set({ kind: 'latency', ms: 150 }), between(ctx.rng, 2_000, 4_000)],
        ['PostgreSQL connections reset', () => pgProxy.set({ kind: 'reset' }), between(ctx.rng, 1_000, 3_000)],
        ['PostgreSQL black hole', () => pgProxy.set({ kind: 'blackhole' }), between(ctx.rng, 2_000, 4_000)],
        ['Kafka +300 ms latency', () => kafkaProxy.set({ kind: 'latency', ms: 300 }), between(ctx.rng, 2_000, 4_000)],
        ['Kafka connections reset', () => kafkaProxy.set({ kind: 'reset' }), between(ctx.rng, 1_000, 3_000)],
        ['Kafka black hole', () => kafkaProxy.set({ kind: 'blackhole' }), between(ctx.rng, 2_000, 5_000)],
      ];
      for (const [what, apply, ms] of steps) {
        await sleep(between(ctx.rng, 500, 2_000));
        ctx.log(`${what} for ${ms} ms`);
        ctx.faultOn();
        apply();
        await sleep(ms);
        pgProxy.set({ kind: 'pass' });
        kafkaProxy.set({ kind: 'pass' });
        ctx.faultOff();
      }
    },
  },
  {
    id: 8,
    name: 'poison message on each topic',
    inject: async (ctx) => {
      for (const topic of ['task-events', 'reminder-events', 'user-events']) {
        await sleep(between(ctx.rng, 500, 3_000));
        // Not JSON, or JSON that is no envelope of the contract: every consumer must dead-letter it.
        const value =
          between(ctx.rng, 0, 1) === 0
            ? `not json {${between(ctx.rng, 0, 1e6)}`
            : JSON.stringify({ hello: between(ctx.rng, 0, 1e6) });
        const poison = { topic, key: `poison-${between(ctx.rng, 0, 1e9)}`, value };
        ctx.log(`poison on ${topic}: ${value.slice(0, 60)}`);
        ctx.faultOn();
        await produce(ctx.cluster.kafkaBrokers, [poison]);
        ctx.poison.push(poison);
        ctx.faultOff();
      }
    },
  },
  {
    id: 9,
    name: 'consumer offsets reset to the beginning (full replay)',
    inject: async (ctx) => {
      await sleep(between(ctx.rng, 1_000, 5_000));
      const consumers: ServiceName[] = ['audit-writer', 'recurrence', 'planning-sync', 'notifier'];
      ctx.log(`stop ${consumers.join(', ')}; reset their groups to the earliest offsets; start them`);
      ctx.faultOn();
      // A group's offsets can be reset only while it has no members.
      await Promise.all(consumers.map((c) => ctx.cluster.kill(c, 'SIGTERM')));
      // The groups of the stopped processes are the ones left without members (the audit-writer
      // process has two: its own and its erasure group).
      const reset = await resetEmptiedGroups(ctx.checker, consumers.length);
      ctx.log(`reset ${reset.map((g) => g.group).join(', ')}`);
      // The replay meets earlier scenarios' poison again: each reset group dead-letters it again.
      for (const p of ctx.earlierPoison) {
        for (const { group, topics } of reset) {
          if (topics.includes(p.topic)) ctx.poison.push({ ...p, groups: [group] });
        }
      }
      await Promise.all(consumers.map((c) => ctx.cluster.start(c)));
      ctx.faultOff();
    },
  },
  {
    id: 10,
    name: 'consumer group rebalance (a member joins and leaves)',
    inject: async (ctx) => {
      const consumers: ServiceName[] = ['audit-writer', 'recurrence', 'planning-sync', 'notifier'];
      await sleep(between(ctx.rng, 500, 3_000));
      ctx.log(`a second member joins ${consumers.join(', ')}`);
      ctx.faultOn();
      const extras = await Promise.all(consumers.map((c) => ctx.cluster.startExtra(c)));
      const stay = between(ctx.rng, 2_000, 6_000);
      ctx.log(`second members joined; they leave in ${stay} ms`);
      await sleep(stay);
      await Promise.all(extras.map((e) => ctx.cluster.stopExtra(e, 'SIGTERM')));
      ctx.faultOff();
    },
  },
];

/**
 * Resets to the earliest offsets every group left without members (at least `atLeast` of them),
 * retrying while the stopped members are still leaving.
 * @returns the groups reset.
 */
async function resetEmptiedGroups(checker: Checker, atLeast: number): Promise<ConsumerGroup[]> {
  const admin = await checker.admin();
  for (let attempt = 0; ; attempt += 1) {
    try {
      const emptied = await checker.emptyGroups();
      if (emptied.length < atLeast) throw new Error(`only ${emptied.length} of ${atLeast} groups have emptied`);
      for (const { group: groupId, topics } of emptied) {
        for (const topic of topics) await admin.resetOffsets({ groupId, topic, earliest: true });
      }
      return emptied;
    } catch (error) {
      if (attempt > 60) throw error;
      await sleep(500); // the groups are still emptying
    }
  }
}
