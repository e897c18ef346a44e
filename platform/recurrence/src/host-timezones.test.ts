import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// rrule.js computes wrong local times off UTC hosts (DESIGN §8). The recurrence table must give
// the same answers whatever the host's zone, so it is run again in child processes with TZ set.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const table = 'platform/recurrence/src/occurrences.test.ts';
const isChild = process.env.TASKWIRE_RECURRENCE_TZ_CHILD === '1';
const hostZones = ['UTC', 'America/New_York', 'Europe/Berlin'];

interface VitestJsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

let outDir: string | undefined;
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

async function runTableUnder(
  timeZone: string,
): Promise<{ code: number | null; report: VitestJsonReport; stderr: string }> {
  outDir ??= await mkdtemp(join(tmpdir(), 'taskwire-recurrence-tz-'));
  const outputFile = join(outDir, `${timeZone.replace('/', '_')}.json`);
  const child = spawn(
    join(root, 'node_modules/.bin/vitest'),
    ['run', '--project', 'unit', table, '--reporter=json', `--outputFile=${outputFile}`],
    {
      cwd: root,
      env: { ...process.env, TZ: timeZone, TASKWIRE_RECURRENCE_TZ_CHILD: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const report = JSON.parse(await readFile(outputFile, 'utf8')) as VitestJsonReport;
  return { code, report, stderr };
}

describe.skipIf(isChild)('recurrence table under host time zones', () => {
  it.each(hostZones)(
    'passes with TZ=%s',
    async (timeZone) => {
      const { code, report, stderr } = await runTableUnder(timeZone);
      const failures = report.testResults
        .flatMap((file) => file.assertionResults)
        .filter((test) => test.status === 'failed')
        .map((test) => `${test.fullName}: ${test.failureMessages.join('\n')}`);
      expect(failures, stderr).toEqual([]);
      expect(code).toBe(0);
      // Every case ran, including the check that the child really was in `timeZone`.
      expect(report.numFailedTests).toBe(0);
      expect(report.numPassedTests).toBe(report.numTotalTests);
      expect(report.numPassedTests).toBeGreaterThan(80);
    },
    120_000,
  );
});
