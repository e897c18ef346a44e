/**
 * Every deployable process of Taskwire: one entry in `npm start`, one Deployment in k8s/,
 * one argument of the image's entry point (`bin/taskwire.mjs <name>`).
 * Ports are the local defaults; each process reads PORT from its environment.
 */
export interface ServiceSpec {
  name: string;
  /** Entry module, relative to the repository root. */
  entry: string;
  /** Default local port for its HTTP server (GraphQL and/or /healthz, /readyz, /metrics). */
  port: number;
  /** Subgraphs and the gateway: default local port of the ops server (/healthz, /readyz, /metrics), apart from GraphQL. */
  opsPort?: number;
  kind: 'subgraph' | 'gateway' | 'consumer' | 'worker';
  /** Postgres schema it owns and migrates (subgraphs only). */
  schema?: string;
}

export const services: readonly ServiceSpec[] = [
  {
    name: 'accounts',
    entry: 'subgraphs/accounts/src/main.ts',
    port: 4001,
    opsPort: 4031,
    kind: 'subgraph',
    schema: 'accounts',
  },
  { name: 'tasks', entry: 'subgraphs/tasks/src/main.ts', port: 4002, opsPort: 4032, kind: 'subgraph', schema: 'tasks' },
  {
    name: 'planning',
    entry: 'subgraphs/planning/src/main.ts',
    port: 4003,
    opsPort: 4033,
    kind: 'subgraph',
    schema: 'planning',
  },
  { name: 'audit', entry: 'subgraphs/audit/src/main.ts', port: 4004, opsPort: 4034, kind: 'subgraph', schema: 'audit' },
  { name: 'scheduler', entry: 'subgraphs/planning/src/scheduler-main.ts', port: 4010, kind: 'worker' },
  { name: 'audit-writer', entry: 'consumers/src/audit-writer/main.ts', port: 4011, kind: 'consumer' },
  { name: 'recurrence', entry: 'consumers/src/recurrence/main.ts', port: 4012, kind: 'consumer' },
  { name: 'planning-sync', entry: 'consumers/src/planning-sync/main.ts', port: 4013, kind: 'consumer' },
  { name: 'notifier', entry: 'consumers/src/notifier/main.ts', port: 4014, kind: 'consumer' },
  { name: 'gateway', entry: 'gateway/src/main.ts', port: 4000, opsPort: 4030, kind: 'gateway' },
];
