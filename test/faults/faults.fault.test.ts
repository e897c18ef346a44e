/**
 * The fault matrix (docs/reliability.md): the whole stack under a steady mixed workload, one
 * fault per scenario, then the ledger of acknowledged mutations checked against the database
 * and the topics. `npm run test:faults` runs it alone (FAULT_SCENARIOS=1,5 picks some;
 * FAULT_SEED=<n> replays a fault schedule); `npm test` runs it too, in its bounded form.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker, type Checker, type Findings, type Poison } from './checker.js';
import { startCluster, type Cluster } from './cluster.js';
import { faultConfig } from './env.js';
import { mulberry32 } from './prng.js';
import { scenarios, type ScenarioContext } from './scenarios.js';
import { signUpUsers, startWorkload } from './workload.js';

const config = faultConfig();
// In the order FAULT_SCENARIOS names them (all, in order, when empty).
const selected =
  config.FAULT_SCENARIOS.length === 0
    ? scenarios
    : config.FAULT_SCENARIOS.map((id) => scenarios.find((s) => s.id === id)!);
const say = (line: string) => process.stdout.write(`[faults] ${line}\n`);

interface Row {
  id: number;
  name: string;
  seed: number;
  findings: Findings;
  ackedDuringFault: number;
  recoveryMs: number;
  extra: string[];
}

const rows: Row[] = [];

function table(): string {
  const head = [
    '#',
    'scenario',
    'seed',
    'acked',
    'unacked',
    'during fault',
    'lost',
    'dup',
    'order',
    'reminders 2x/early (fired)',
    'series ≠1 (completions)',
    'DLQ found/poison',
    'recovery',
  ];
  const body = rows.map((r) => [
    String(r.id),
    r.name,
    String(r.seed),
    String(r.findings.acked),
    String(r.findings.unacked),
    String(r.ackedDuringFault),
    String(r.findings.lost),
    String(r.findings.duplicated),
    String(r.findings.orderViolations),
    `${r.findings.remindersTwiceOrEarly} (${r.findings.remindersFired})`,
    `${r.findings.seriesNotOneSuccessor} (${r.findings.completions})`,
    `${r.findings.dlqFound}/${r.findings.dlqExpected}${r.findings.dlqMatches ? '' : ' ✗'}`,
    `${(r.recoveryMs / 1000).toFixed(1)} s`,
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

describe.skipIf(selected.length === 0)('fault matrix', () => {
  let dir: string;
  let cluster: Cluster;
  let checker: Checker;
  const allPoison: Poison[] = [];

  let starting: Promise<Cluster> | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'taskwire-faults-'));
    say(`state in ${dir}; base seed ${config.FAULT_SEED} (rerun: FAULT_SEED=${config.FAULT_SEED})`);
    starting = startCluster({ dir, log: say });
    cluster = await starting;
    checker = createChecker(cluster.directDatabaseUrl, cluster.kafkaBrokers);
    const groups = await checker.discoverGroups();
    say(`consumer groups: ${groups.map((g) => `${g.group} (${g.topics.join(', ')})`).join('; ')}`);
  });

  afterAll(async () => {
    if (rows.length > 0) say(`\n${table()}\n`);
    await checker?.close().catch(() => undefined);
    // A start-up that outlived its hook still stops everything it started.
    const started = cluster ?? (await starting?.catch(() => undefined));
    await started?.stop();
    if (dir && !config.FAULT_KEEP_STATE) rmSync(dir, { recursive: true, force: true });
    else if (dir) say(`state kept in ${dir}`);
  });

  for (const scenario of selected) {
    it(`${scenario.id}. ${scenario.name}: nothing lost, duplicated or reordered`, async () => {
      // One seed per scenario, derived from the base seed: a rerun of one scenario alone replays its schedule.
      const seed = (config.FAULT_SEED ^ Math.imul(scenario.id, 0x9e3779b1)) >>> 0;
      const rng = mulberry32(seed);
      const workRng = mulberry32(seed ^ 0x5bd1e995);
      say(`scenario ${scenario.id} (${scenario.name}): seed ${seed}`);
      const label = `s${scenario.id}`;
      const users = await signUpUsers(cluster.gatewayUrl, label, config.FAULT_CLIENTS);
      const marks = await checker.dlqMarks();
      let faultActive = false;
      let clearedAt = 0;
      const workload = startWorkload(
        {
          gatewayUrl: cluster.gatewayUrl,
          clients: config.FAULT_CLIENTS,
          rng: workRng,
          retryUnacknowledged: config.FAULT_RETRY,
          label,
          faultActive: () => faultActive,
          log: say,
        },
        users,
      );
      const token = (users[0] as unknown as { token: string }).token;
      const ctx: ScenarioContext = {
        cluster,
        checker,
        rng,
        log: (line) => say(`  ${line}`),
        faultOn: () => {
          faultActive = true;
        },
        faultOff: () => {
          faultActive = false;
          clearedAt = Date.now();
        },
        poison: [],
        earlierPoison: [...allPoison],
        afterRecovery: [],
        gql: async (query, variables = {}) => {
          const res = await fetch(cluster.gatewayUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables }),
          });
          const body = (await res.json()) as { data?: any; errors?: unknown };
          if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
          return body.data;
        },
      };
      const started = Date.now();
      await sleep(2_000);
      try {
        await scenario.inject(ctx);
      } finally {
        faultActive = false;
        clearedAt ||= Date.now();
      }
      // Recovery: from the moment the (last) fault was cleared until nothing is left behind —
      // every group's lag zero, every outbox published, no reminder overdue — while the load goes on.
      let measuring = true;
      const recovery = (async () => {
        while (measuring) {
          const backlog = await checker.backlog().catch(() => -1);
          if (backlog === 0) return Date.now() - clearedAt;
          await sleep(200);
        }
        return Number.NaN;
      })();
      const loadUntil = Math.max(started + config.FAULT_LOAD_SECONDS * 1_000, Date.now() + 3_000);
      await sleep(loadUntil - Date.now());
      await workload.stop();
      const recoveryMs = await withTimeout(recovery, 180_000, 'recovery (lag back to zero)').finally(() => {
        measuring = false;
      });
      // Reminders acknowledged last are due a few seconds from now; let them fire and be mailed.
      const lastDue = Math.max(
        0,
        ...workload.ledger.acked.map((e) => (e.mutation.op === 'addReminder' ? Date.parse(e.mutation.remindAt) : 0)),
      );
      await sleep(Math.max(0, lastDue + 3_000 - Date.now()));
      await cluster.waitAllReady();
      await until(async () => (await checker.backlog()) === 0, 120_000);
      await sleep(1_500); // the notifier's poll (NOTIFIER_POLL_MS 500) and SMTP round trip
      const extra: string[] = [];
      for (const probe of ctx.afterRecovery) extra.push(await probe());
      const findings = await checker.check({
        ledger: workload.ledger,
        poison: ctx.poison,
        dlqMarks: marks,
        mails: cluster.mails,
      });
      allPoison.push(...ctx.poison.filter((p) => !p.groups));
      rows.push({
        id: scenario.id,
        name: scenario.name,
        seed,
        findings,
        ackedDuringFault: workload.ledger.ackedDuringFault,
        recoveryMs,
        extra,
      });
      say(`scenario ${scenario.id}: ${JSON.stringify({ ...findings, details: undefined })} recovery ${recoveryMs} ms`);
      say(`table so far:\n${table()}`);
      for (const line of [...extra, ...findings.details]) say(`  ${line}`);
      for (const u of workload.ledger.unacked.slice(0, 5)) say(`  unacknowledged ${u.op}: ${u.error.slice(0, 160)}`);
      expect(findings.acked).toBeGreaterThan(0);
      expect({
        lost: findings.lost,
        duplicated: findings.duplicated,
        orderViolations: findings.orderViolations,
        remindersTwiceOrEarly: findings.remindersTwiceOrEarly,
        seriesNotOneSuccessor: findings.seriesNotOneSuccessor,
        dlqMatches: findings.dlqMatches,
      }).toEqual({
        lost: 0,
        duplicated: 0,
        orderViolations: 0,
        remindersTwiceOrEarly: 0,
        seriesNotOneSuccessor: 0,
        dlqMatches: true,
      });
    });
  }
});

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not caught up within ${timeoutMs} ms`);
    await sleep(250);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);
}
