/**
 * Checks a scenario's ledger against the database (through each owner's own database handle,
 * so no SQL here names another package's schema) and the topics:
 * - lost: an acknowledged mutation without its event in the owner's outbox, a task event without
 *   its audit row, a final state other than the last acknowledged one (title, completion,
 *   deletion, tags in the tasks tag projection, planning's task projection), a reminder past due
 *   and not fired, a firing without its e-mail;
 * - duplicated: one mutation committed twice (two created tasks or two updates with the same
 *   unique title), two audit rows of one event, more e-mails than firings;
 * - order: per task and producer, the acknowledged mutations' events in the outbox in the order
 *   they were acknowledged, and the audit rows in the order of the outbox;
 * - reminders fired twice or before their time; recurring series with other than one next
 *   instance per completion; the dead-letter topics against the poison injected.
 */
import { sql, type Kysely } from 'kysely';
import { AssignerProtocol, Kafka, logLevel, type GroupDescription } from 'kafkajs';
import { createTasksDatabase, type TasksDatabase } from '@taskwire/tasks';
import { createPlanningDatabase, type PlanningDatabase } from '@taskwire/planning';
import { createAuditDatabase, type AuditDB } from '@taskwire/audit';
import { allTopics, deadLetterTopic } from '@taskwire/platform/events';
import type { SinkMessage } from '@taskwire/dev/smtp-sink';
import type { Ledger } from './workload.js';

export interface Poison {
  topic: string;
  key: string;
  value: string;
  /** Groups expected to dead-letter it (default: every dead-lettering group of its topic). */
  groups?: string[];
}

/** A consumer group of the stack (read through the consumer runner, so it dead-letters poison once) and its topics. */
export interface ConsumerGroup {
  group: string;
  topics: string[];
}

/**
 * Groups that are not the stack's durable consumers: per-replica feeds that commit nothing and
 * dead-letter nothing (the gateway's revocations, planning's subscription feed) and this suite's
 * own readers.
 */
const ephemeralGroup = /^(gateway-revocations-|planning-subs-|tasks-subs-|fault-checker-)/;

/** The topics a group's members subscribe to (their join metadata). */
function subscribedTopics(group: GroupDescription): string[] {
  const topics = new Set<string>();
  for (const member of group.members) {
    for (const t of AssignerProtocol.MemberMetadata.decode(member.memberMetadata)?.topics ?? []) topics.add(t);
  }
  return [...topics].sort();
}

export interface Findings {
  acked: number;
  unacked: number;
  lost: number;
  duplicated: number;
  orderViolations: number;
  remindersTwiceOrEarly: number;
  remindersFired: number;
  /** Mails sent again for one firing (same Message-ID): the documented at-least-once window of the notifier. */
  mailResends: number;
  seriesNotOneSuccessor: number;
  completions: number;
  dlqFound: number;
  dlqExpected: number;
  dlqMatches: boolean;
  details: string[];
}

export interface Checker {
  /** The owners' database handles (read only here). */
  dbs: { tasks: Kysely<TasksDatabase>; planning: Kysely<PlanningDatabase>; audit: Kysely<AuditDB> };
  /** Kafka admin client of the checker (connected). */
  admin(): Promise<ReturnType<Kafka['admin']>>;
  /** Offsets of the dead-letter topics now (a scenario's DLQ contents are what comes after). */
  dlqMarks(): Promise<Record<string, number>>;
  /**
   * Learns the stack's consumer groups and their topics from the broker (every group joined and
   * stable, the same twice in a row), so that the lag and dead-letter checks cover exactly the
   * consumers that run; call once the cluster is ready.
   */
  discoverGroups(timeoutMs?: number): Promise<ConsumerGroup[]>;
  /** The groups found by `discoverGroups`. */
  groups(): ConsumerGroup[];
  /** The groups (of `groups()`) that have no member now, e.g. after their processes stopped. */
  emptyGroups(): Promise<ConsumerGroup[]>;
  /** Sum of every group's lag plus unpublished outbox rows and overdue reminders: 0 = caught up. */
  backlog(): Promise<number>;
  check(input: {
    ledger: Ledger;
    poison: Poison[];
    dlqMarks: Record<string, number>;
    mails: SinkMessage[];
  }): Promise<Findings>;
  close(): Promise<void>;
}

/** The firing a reminder mail is about (its X-Taskwire-Firing-Id header, docs/notifier.md). */
export function firingIdOf(mail: SinkMessage): string | undefined {
  return /^X-Taskwire-Firing-Id:\s*(\S+)/im.exec(mail.raw)?.[1];
}

interface OutboxRow {
  id: string;
  event_id: string;
  type: string;
  topic: string;
  key: string;
  envelope: { subject: string; data: any };
}

export function createChecker(databaseUrl: string, kafkaBrokers: string[]): Checker {
  const tasksDb: Kysely<TasksDatabase> = createTasksDatabase(databaseUrl, 2);
  const planningDb: Kysely<PlanningDatabase> = createPlanningDatabase(databaseUrl, 2);
  const auditDb: Kysely<AuditDB> = createAuditDatabase({ url: databaseUrl, maxConnections: 2 });
  const kafka = new Kafka({
    clientId: 'taskwire-fault-checker',
    brokers: kafkaBrokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  });
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  const adminReady = () => (connected ??= admin.connect());
  const dlqTopics = allTopics.map((t) => deadLetterTopic(t));

  const highs = async (topic: string) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.map((o) => ({ partition: o.partition, high: Number(o.high) }));
  };

  const readTopic = async (
    topic: string,
    from: number,
  ): Promise<Array<{ key: string; value: string; headers: Record<string, string> }>> => {
    const end = (await highs(topic)).reduce((s, p) => s + p.high, 0);
    if (end <= from) return [];
    const consumer = kafka.consumer({ groupId: `fault-checker-${Date.now()}-${Math.random().toString(16).slice(2)}` });
    const out: Array<{ key: string; value: string; headers: Record<string, string> }> = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${topic} timed out`)), 60_000);
        void consumer
          .run({
            eachMessage: async ({ message }) => {
              const offset = Number(message.offset);
              if (offset >= from) {
                const headers: Record<string, string> = {};
                for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
                out.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
              }
              if (offset + 1 >= end) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
    return out;
  };

  let groups: ConsumerGroup[] = [];
  const describeStackGroups = async (): Promise<GroupDescription[]> => {
    await adminReady();
    const ids = (await admin.listGroups()).groups
      .filter((g) => g.protocolType === 'consumer' && !ephemeralGroup.test(g.groupId))
      .map((g) => g.groupId)
      .sort();
    return ids.length === 0 ? [] : (await admin.describeGroups(ids)).groups;
  };

  return {
    dbs: { tasks: tasksDb, planning: planningDb, audit: auditDb },
    async discoverGroups(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let previous = '';
      for (;;) {
        const described = await describeStackGroups();
        const found = described.map((g) => ({ group: g.groupId, topics: subscribedTopics(g) }));
        const settled = described.length > 0 && described.every((g) => g.state === 'Stable');
        const key = JSON.stringify(found);
        if (settled && key === previous) {
          groups = found;
          return groups;
        }
        if (Date.now() > deadline) throw new Error(`consumer groups did not settle: ${key}`);
        previous = settled ? key : '';
        await new Promise((r) => setTimeout(r, 1_000));
      }
    },
    groups: () => groups,
    async emptyGroups() {
      const empty = new Set((await describeStackGroups()).filter((g) => g.members.length === 0).map((g) => g.groupId));
      return groups.filter((g) => empty.has(g.group));
    },
    admin: async () => {
      await adminReady();
      return admin;
    },
    async dlqMarks() {
      await adminReady();
      const marks: Record<string, number> = {};
      for (const t of dlqTopics) marks[t] = (await highs(t)).reduce((s, p) => s + p.high, 0);
      return marks;
    },

    async backlog() {
      await adminReady();
      let total = 0;
      if (groups.length === 0) throw new Error('discoverGroups() first');
      for (const { group: groupId, topics } of groups) {
        const committed = await admin.fetchOffsets({ groupId, topics });
        for (const t of committed) {
          const ends = await highs(t.topic);
          for (const p of t.partitions) {
            const high = ends.find((e) => e.partition === p.partition)?.high ?? 0;
            const at = Number(p.offset) < 0 ? 0 : Number(p.offset);
            total += Math.max(0, high - at);
          }
        }
      }
      const unpublished = async (db: Kysely<any>) =>
        Number(
          (
            await db
              .selectFrom('outbox')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('published_at', 'is', null)
              .executeTakeFirstOrThrow()
          ).n,
        );
      total += await unpublished(tasksDb);
      total += await unpublished(planningDb);
      const overdue = await planningDb
        .selectFrom('reminder')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('state', '=', 'SCHEDULED')
        .where('fire_at', '<', sql<Date>`now() - interval '2 seconds'`)
        .executeTakeFirstOrThrow();
      total += Number(overdue.n);
      return total;
    },

    async check({ ledger, poison, dlqMarks, mails }) {
      const details: string[] = [];
      const note = (line: string) => {
        if (details.length < 40) details.push(line);
      };
      const userIds = ledger.users.map((u) => u.id);
      const byUser = sql<string>`envelope->>'userId'`;
      const tasksOutbox = (await tasksDb
        .selectFrom('outbox')
        .select(['id', 'event_id', 'type', 'topic', 'key', 'envelope'])
        .where(byUser, 'in', userIds)
        .orderBy('id')
        .execute()) as unknown as OutboxRow[];
      const planningOutbox = (await planningDb
        .selectFrom('outbox')
        .select(['id', 'event_id', 'type', 'topic', 'key', 'envelope'])
        .where(byUser, 'in', userIds)
        .orderBy('id')
        .execute()) as unknown as OutboxRow[];
      const audit = await auditDb
        .selectFrom('audit_entries')
        .select(['id', 'event_id', 'type', 'task_id'])
        .where('user_id', 'in', userIds)
        .orderBy('id')
        .execute();
      const tasks = await tasksDb
        .selectFrom('tasks')
        .select(['id', 'title', 'status', 'series_id', 'occurrence', 'trashed_at'])
        .where('user_id', 'in', userIds)
        .execute();
      const tags = await tasksDb
        .selectFrom('task_tags')
        .select(['task_id', 'tag_name'])
        .where('user_id', 'in', userIds)
        .execute();
      const taskStates = await planningDb
        .selectFrom('task_state')
        .select(['task_id', 'status', 'deleted', 'trashed'])
        .where('user_id', 'in', userIds)
        .execute();
      const reminders = await planningDb
        .selectFrom('reminder')
        .select(['id', 'task_id', 'remind_at', 'state', 'fire_at'])
        .where('user_id', 'in', userIds)
        .execute();
      const firings = await planningDb
        .selectFrom('reminder_firing')
        .select(['id', 'reminder_id', 'user_id', 'seq', 'due_at', 'fired_at'])
        .where('user_id', 'in', userIds)
        .execute();

      let lost = 0;
      let duplicated = 0;
      let orderViolations = 0;

      // Unacknowledged mutations make a task's final state uncertain (it may or may not have happened).
      const uncertain = new Set(ledger.unacked.map((u) => u.taskId).filter(Boolean) as string[]);

      // 1. Each acknowledged mutation's event in its owner's outbox, in acknowledgement order per task and producer.
      const positions = new Map<string, Array<{ producer: string; id: bigint }>>();
      const find = (rows: OutboxRow[], pred: (r: OutboxRow) => boolean) => rows.filter(pred);
      for (const entry of ledger.acked) {
        const m = entry.mutation;
        let producer = 'tasks';
        let matches: OutboxRow[];
        switch (m.op) {
          case 'createTask':
            matches = find(tasksOutbox, (r) => r.type === 'task.created' && r.envelope.subject === m.taskId);
            break;
          case 'updateTask':
            matches = find(
              tasksOutbox,
              (r) =>
                r.type === 'task.updated' &&
                r.envelope.subject === m.taskId &&
                r.envelope.data?.task?.title === m.title,
            );
            break;
          case 'completeTask':
            matches = find(tasksOutbox, (r) => r.type === 'task.completed' && r.envelope.subject === m.taskId);
            break;
          case 'deleteTask':
            matches = find(tasksOutbox, (r) => r.type === 'task.trashed' && r.envelope.subject === m.taskId);
            break;
          case 'setTaskTags':
            producer = 'planning';
            matches = find(
              planningOutbox,
              (r) =>
                r.type === 'task.tagged' && r.envelope.subject === m.taskId && r.envelope.data?.tag?.name === m.tag,
            );
            break;
          case 'addReminder':
            producer = 'planning';
            matches = find(
              planningOutbox,
              (r) => r.type === 'reminder.added' && r.envelope.data?.reminder?.id === m.reminderId,
            );
            break;
        }
        if (matches.length === 0) {
          lost += 1;
          note(`lost: ${m.op} of ${m.taskId} (acknowledged) has no event in the ${producer} outbox`);
          continue;
        }
        // createTask titles and updateTask titles are unique: two events are one mutation applied twice.
        if ((m.op === 'createTask' || m.op === 'updateTask') && matches.length > 1) {
          duplicated += matches.length - 1;
          note(`duplicated: ${m.op} of ${m.taskId} has ${matches.length} events`);
        }
        const list = positions.get(m.taskId) ?? [];
        list.push({ producer, id: BigInt(matches[0]!.id) });
        positions.set(m.taskId, list);
      }
      for (const [taskId, list] of positions) {
        for (const producer of ['tasks', 'planning']) {
          const ids = list.filter((p) => p.producer === producer).map((p) => p.id);
          for (let i = 1; i < ids.length; i += 1) {
            if (ids[i]! < ids[i - 1]!) {
              orderViolations += 1;
              note(`order: ${producer} events of ${taskId} out of acknowledgement order`);
            }
          }
        }
      }
      // A created task committed twice under retries: two task.created with the same title.
      const createdTitles = new Map<string, number>();
      for (const r of tasksOutbox) {
        if (r.type !== 'task.created' || r.envelope.data?.task?.occurrence > 1) continue;
        const title = r.envelope.data?.task?.title as string;
        createdTitles.set(title, (createdTitles.get(title) ?? 0) + 1);
      }
      for (const [title, n] of createdTitles) {
        if (n > 1) {
          duplicated += n - 1;
          note(`duplicated: ${n} tasks created with title "${title}"`);
        }
      }

      // 2. Every task event has exactly one audit row, in the order of its producer's outbox.
      const auditByEvent = new Map<string, Array<(typeof audit)[number]>>();
      for (const a of audit) auditByEvent.set(a.event_id, [...(auditByEvent.get(a.event_id) ?? []), a]);
      for (const [producer, rows] of [
        ['tasks', tasksOutbox],
        ['planning', planningOutbox],
      ] as const) {
        const lastAuditIdOfTask = new Map<string, bigint>();
        for (const r of rows) {
          if (r.topic !== 'task-events') continue;
          const found = auditByEvent.get(r.event_id) ?? [];
          if (found.length === 0) {
            lost += 1;
            note(`lost: ${producer} ${r.type} ${r.event_id} of ${r.key} has no audit row`);
            continue;
          }
          if (found.length > 1) {
            duplicated += found.length - 1;
            note(`duplicated: ${found.length} audit rows for ${r.event_id}`);
          }
          const id = BigInt(found[0]!.id);
          const prev = lastAuditIdOfTask.get(r.key);
          if (prev !== undefined && id < prev) {
            orderViolations += 1;
            note(`order: audit rows of ${r.key} (${producer}) not in outbox order`);
          }
          lastAuditIdOfTask.set(r.key, id);
        }
      }

      // 3. Final states: title, completion, deletion (tasks and planning's projection), tags (tasks' projection).
      const taskById = new Map(tasks.map((t) => [t.id, t]));
      const stateById = new Map(taskStates.map((s) => [s.task_id, s]));
      const lastOf = new Map<string, Map<string, (typeof ledger.acked)[number]['mutation']>>();
      for (const e of ledger.acked) {
        const per = lastOf.get(e.mutation.taskId) ?? new Map();
        per.set(e.mutation.op, e.mutation);
        lastOf.set(e.mutation.taskId, per);
      }
      for (const [taskId, per] of lastOf) {
        if (uncertain.has(taskId)) continue;
        const row = taskById.get(taskId);
        const state = stateById.get(taskId);
        if (per.has('deleteTask')) {
          // deleteTask moves the task to the Trash: kept, hidden, and so projected by planning.
          if (!row?.trashed_at) {
            lost += 1;
            note(`lost: deleted task ${taskId} is not in the Trash`);
          }
          if (!state?.trashed) {
            lost += 1;
            note(`lost: planning's projection of deleted task ${taskId} is not in the Trash`);
          }
          continue;
        }
        if (!row) {
          lost += 1;
          note(`lost: task ${taskId} missing`);
          continue;
        }
        const update = per.get('updateTask') as { title: string } | undefined;
        const create = per.get('createTask') as { title: string } | undefined;
        const title = update?.title ?? create?.title;
        if (title && row.title !== title) {
          lost += 1;
          note(`lost: task ${taskId} titled "${row.title}", last acknowledged "${title}"`);
        }
        if (per.has('completeTask')) {
          if (row.status !== 'COMPLETED') {
            lost += 1;
            note(`lost: completed task ${taskId} is ${row.status}`);
          }
          if (state?.status !== 'COMPLETED') {
            lost += 1;
            note(`lost: planning's projection of completed task ${taskId} is ${state?.status}`);
          }
        }
        const tag = per.get('setTaskTags') as { tag: string } | undefined;
        if (tag) {
          const names = tags.filter((t) => t.task_id === taskId).map((t) => t.tag_name);
          if (names.length !== 1 || names[0] !== tag.tag) {
            lost += 1;
            note(`lost: tag projection of ${taskId} is [${names.join(',')}], last set [${tag.tag}]`);
          }
        }
      }

      // 4. Recurrence: each completed instance of a series has exactly one next instance.
      let seriesNotOneSuccessor = 0;
      let completions = 0;
      for (const t of tasks) {
        if (!t.series_id || t.status !== 'COMPLETED' || t.occurrence === null) continue;
        completions += 1;
        const next = tasks.filter((n) => n.series_id === t.series_id && n.occurrence === t.occurrence! + 1).length;
        if (next !== 1) {
          seriesNotOneSuccessor += 1;
          note(`series ${t.series_id}: occurrence ${t.occurrence} completed, ${next} next instances`);
        }
      }
      for (const e of ledger.acked) {
        if (e.mutation.op === 'completeTask' && !taskById.has(e.mutation.taskId)) {
          seriesNotOneSuccessor += 1;
          note(`series: completed task ${e.mutation.taskId} missing`);
        }
      }

      // 5. Reminders: acknowledged ones exist; fired once, not early, none overdue; one e-mail per firing.
      let remindersTwiceOrEarly = 0;
      const reminderById = new Map(reminders.map((r) => [r.id, r]));
      for (const e of ledger.acked) {
        if (e.mutation.op === 'addReminder' && !reminderById.has(e.mutation.reminderId)) {
          lost += 1;
          note(`lost: reminder ${e.mutation.reminderId} missing`);
        }
      }
      const firingsOf = new Map<string, number>();
      for (const f of firings) {
        firingsOf.set(f.reminder_id, (firingsOf.get(f.reminder_id) ?? 0) + 1);
        const remindAt = reminderById.get(f.reminder_id)?.remind_at;
        if (remindAt && new Date(f.fired_at).getTime() < new Date(remindAt).getTime()) {
          remindersTwiceOrEarly += 1;
          note(
            `reminder ${f.reminder_id} fired early: ${new Date(f.fired_at).toISOString()} < ${new Date(remindAt).toISOString()}`,
          );
        }
      }
      for (const [id, n] of firingsOf) {
        if (n > 1) {
          remindersTwiceOrEarly += n - 1;
          note(`reminder ${id} fired ${n} times`);
        }
      }
      const dueEvents = new Map<string, number>();
      for (const r of planningOutbox) {
        if (r.type !== 'reminder.due') continue;
        const id = r.envelope.data?.reminder?.id as string;
        dueEvents.set(id, (dueEvents.get(id) ?? 0) + 1);
      }
      for (const [id, n] of dueEvents) {
        if (n > 1) {
          remindersTwiceOrEarly += n - 1;
          note(`reminder ${id}: ${n} reminder.due events`);
        }
      }
      for (const r of reminders) {
        if (r.state === 'SCHEDULED' && r.fire_at && new Date(r.fire_at).getTime() < Date.now() - 2_000) {
          lost += 1;
          note(`lost: reminder ${r.id} due ${new Date(r.fire_at).toISOString()} never fired`);
        }
      }
      // One mail per firing: a resend after a crash between SMTP and `sent` carries the same
      // Message-ID (docs/notifier.md "Exactly one mail per firing") and is counted apart.
      const mailsOfFiring = new Map<string, number>();
      for (const m of mails) {
        const id = firingIdOf(m);
        if (id) mailsOfFiring.set(id, (mailsOfFiring.get(id) ?? 0) + 1);
      }
      let mailResends = 0;
      for (const f of firings) {
        const n = mailsOfFiring.get(f.id) ?? 0;
        if (n === 0) {
          lost += 1;
          note(`lost: firing ${f.id} of reminder ${f.reminder_id} was not e-mailed`);
        }
        if (n > 1) {
          mailResends += n - 1;
          note(`firing ${f.id} e-mailed ${n} times (same Message-ID)`);
        }
      }

      // 6. Dead letters since the scenario began: exactly the poison, once per dead-lettering group.
      const expected = new Map<string, number>();
      for (const p of poison) {
        const readers = groups.filter((g) => g.topics.includes(p.topic)).map((g) => g.group);
        for (const group of p.groups ?? readers) {
          const k = `${p.topic}|${group}|${p.key}|${p.value}`;
          expected.set(k, (expected.get(k) ?? 0) + 1);
        }
      }
      const dlqExpected = [...expected.values()].reduce((s, n) => s + n, 0);
      let dlqFound = 0;
      const seen = new Map<string, number>();
      await adminReady();
      for (const topic of dlqTopics) {
        for (const m of await readTopic(topic, dlqMarks[topic] ?? 0)) {
          dlqFound += 1;
          const k = `${m.headers['x-original-topic']}|${m.headers['x-consumer']}|${m.key}|${m.value}`;
          seen.set(k, (seen.get(k) ?? 0) + 1);
        }
      }
      let dlqMatches = dlqFound === dlqExpected;
      for (const [k, n] of expected) {
        if (seen.get(k) !== n) {
          dlqMatches = false;
          note(`dlq: expected ${n} of ${k.slice(0, 120)}, found ${seen.get(k) ?? 0}`);
        }
      }
      for (const [k, n] of seen) {
        if (!expected.has(k)) note(`dlq: unexpected ${n} × ${k.slice(0, 160)}`);
      }

      return {
        acked: ledger.acked.length,
        unacked: ledger.unacked.length,
        lost,
        duplicated,
        orderViolations,
        remindersTwiceOrEarly,
        remindersFired: firings.length,
        mailResends,
        seriesNotOneSuccessor,
        completions,
        dlqFound,
        dlqExpected,
        dlqMatches,
        details,
      };
    },

    async close() {
      await admin.disconnect().catch(() => undefined);
      await tasksDb.destroy();
      await planningDb.destroy();
      await auditDb.destroy();
    },
  };
}
