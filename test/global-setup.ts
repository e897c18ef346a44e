import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startInfra, type Infra } from '@taskwire/dev/infra';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    kafkaBrokers: string[];
  }
}

let infra: Infra | undefined;
let stateDir: string | undefined;
let users = 0;

/**
 * Starts PostgreSQL and Kafka once per test run on free ports (the code `npm start` uses),
 * or reuses servers named by TASKWIRE_TEST_DATABASE_URL / TASKWIRE_TEST_KAFKA_BROKERS.
 * Both the int and e2e projects list this file; the servers are shared between them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  users += 1;
  if (!infra) {
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'taskwire-test-'));
    infra = await startInfra({
      stateDir,
      databaseUrl: process.env.TASKWIRE_TEST_DATABASE_URL,
      kafkaBrokers: process.env.TASKWIRE_TEST_KAFKA_BROKERS,
      fast: true,
      log: (line) => process.stderr.write(`[test-infra] ${line}\n`),
    });
    process.env.TASKWIRE_TEST_DATABASE_URL = infra.databaseUrl;
    process.env.TASKWIRE_TEST_KAFKA_BROKERS = infra.kafkaBrokers.join(',');
  }
  project.provide('databaseUrl', infra.databaseUrl);
  project.provide('kafkaBrokers', infra.kafkaBrokers);
  return async () => {
    users -= 1;
    if (users > 0 || !infra) return;
    await infra.stop();
    infra = undefined;
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  };
}
