/**
 * Partial availability (issue 16, item 1): with the planning subgraph stopped, or hanging, the
 * gateway stays ready, answers every task's title with a coded error at each `tags` path, and
 * still runs mutations on the tasks subgraph; planning's health is on /metrics; once planning
 * is back, full answers resume without restarting the gateway.
 *
 * The gateway under test reaches planning through a loopback port this test owns: closing it is
 * planning stopped (connections refused), holding requests unanswered is planning hanging, and
 * listening again on the same port forwards to the real planning subgraph.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@taskwire/platform/config';
import { gatewayConfigSchema } from '@taskwire/gateway/env';
import { startGateway, type GatewayService } from '@taskwire/gateway/service';
import { startStack, type Stack } from '../stack.js';
import { eventually, freePort, graphqlRequest, testGatewaySecret, testKeys, tokenFor } from '../support.js';

const timeoutMs = 1_000;

/** A stand-in for planning's address: forwards, refuses (closed) or hangs, as the test says. */
class PlanningLine {
  mode: 'forward' | 'hang' = 'forward';
  private server: http.Server | undefined;
  private readonly hung = new Set<http.ServerResponse>();

  constructor(
    readonly port: number,
    private readonly target: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  async open(): Promise<void> {
    this.mode = 'forward';
    const server = http.createServer((req, res) => {
      if (this.mode === 'hang') {
        this.hung.add(res);
        return;
      }
      void this.forward(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.server = server;
  }

  /** Planning stopped: nothing listens on its port any more. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const res of this.hung) res.destroy();
    this.hung.clear();
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        (e): e is [string, string] =>
          typeof e[1] === 'string' && !['host', 'connection', 'content-length'].includes(e[0]),
      ),
    );
    const upstream = await fetch(this.target, { method: req.method, headers, body: Buffer.concat(chunks) });
    const body = Buffer.from(await upstream.arrayBuffer());
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(body);
  }
}

let stack: Stack;
let gateway: GatewayService;
let planning: PlanningLine;
let token: string;
const titles = ['first', 'second', 'third'].map((t) => `${t} ${randomUUID().slice(0, 8)}`);

const listQuery = 'query Partial { tasks(first: 50) { edges { node { title tags { name } } } } }';
type ListAnswer = { tasks: { edges: Array<{ node: { title: string; tags: Array<{ name: string }> | null } }> } };

const list = () => graphqlRequest<ListAnswer>(gateway.url, listQuery, {}, token);

async function metricValue(name: string, subgraph: string): Promise<number | undefined> {
  const text = await (await fetch(`${gateway.opsUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`subgraph="${subgraph}"`));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** The list answered in full: every title, and tags as the test set them. */
async function fullAnswer(): Promise<true | undefined> {
  const answer = await list();
  if (answer.errors) return undefined;
  const nodes = answer.data!.tasks.edges.map((e) => e.node);
  expect(nodes.map((n) => n.title).sort()).toEqual([...titles].sort());
  const tagged = nodes.find((n) => n.title === titles[0]);
  return tagged?.tags?.map((t) => t.name).join() === 'urgent' ? true : undefined;
}

/** Every title arrived, each task's tags are null with an error of one of `codes` at its path. */
function expectTitlesWithTagErrors(answer: Awaited<ReturnType<typeof list>>, codes: readonly string[]) {
  const edges = answer.data!.tasks.edges;
  expect(edges.map((e) => e.node.title).sort()).toEqual([...titles].sort());
  expect(edges.every((e) => e.node.tags === null)).toBe(true);
  const errors = answer.errors ?? [];
  expect(errors.map((e) => e.path).sort()).toEqual(edges.map((_, i) => ['tasks', 'edges', i, 'node', 'tags']).sort());
  for (const e of errors) expect(codes).toContain(e.extensions?.code);
}

const createTask = (title: string) =>
  graphqlRequest<{ createTask: { id: string; title: string } }>(
    gateway.url,
    'mutation Create($i: CreateTaskInput!) { createTask(input: $i) { id title } }',
    { i: { title } },
    token,
  );

beforeAll(async () => {
  stack = await startStack();
  planning = new PlanningLine(await freePort(), stack.subgraphUrls.planning);
  await planning.open();
  const { pem } = await testKeys();
  gateway = await startGateway(
    parseConfig(gatewayConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      LOG_LEVEL: 'silent',
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      GATEWAY_SECRET: testGatewaySecret,
      ACCOUNTS_URL: stack.subgraphUrls.accounts,
      TASKS_URL: stack.subgraphUrls.tasks,
      PLANNING_URL: planning.url,
      AUDIT_URL: stack.subgraphUrls.audit,
      SUBGRAPH_TIMEOUT_MS: String(timeoutMs),
      SUBGRAPH_BREAKER_FAILURES: '3',
      SUBGRAPH_BREAKER_HALF_OPEN_AFTER_MS: '1000',
    }),
  );
  token = await tokenFor(randomUUID());
  const ids: string[] = [];
  for (const title of titles) {
    const created = await createTask(title);
    expect(created.errors).toBeUndefined();
    ids.push(created.data!.createTask.id);
  }
  // Planning learns about a new task from its event: retry while it does not know it yet.
  await eventually(
    async () => {
      const tagged = await graphqlRequest(
        gateway.url,
        'mutation Tag($id: ID!) { setTaskTags(taskId: $id, names: ["urgent"]) { id } }',
        { id: ids[0] },
        token,
      );
      return tagged.errors ? undefined : true;
    },
    { timeoutMs: 60_000, what: 'planning to know the new task' },
  );
  await eventually(fullAnswer, { timeoutMs: 30_000, what: 'the full list' });
}, 240_000);

afterAll(async () => {
  await gateway?.stop();
  await planning?.close();
  await stack?.stop();
});

describe('planning stopped', () => {
  it('answers every title with a coded error at each tags path, keeps mutations and readiness, and recovers without a restart', async () => {
    await planning.close();

    const first = await list();
    expectTitlesWithTagErrors(first, ['SUBREQUEST_HTTP_ERROR']);
    expect(first.errors![0]!.message).toContain('temporarily unavailable');

    // After SUBGRAPH_BREAKER_FAILURES failed calls the circuit opens: planning is not called.
    const rejected = await eventually(
      async () => {
        const answer = await list();
        return answer.errors?.some((e) => e.extensions?.code === 'SUBGRAPH_CIRCUIT_BREAKER_REJECTED')
          ? answer
          : undefined;
      },
      { timeoutMs: 20_000, what: 'the circuit to open' },
    );
    expectTitlesWithTagErrors(rejected, ['SUBGRAPH_CIRCUIT_BREAKER_REJECTED']);

    // A mutation on the tasks subgraph keeps working; its title then shows in the list too.
    const extra = `while planning is down ${randomUUID().slice(0, 8)}`;
    const created = await createTask(extra);
    expect(created.errors).toBeUndefined();
    expect(created.data!.createTask.title).toBe(extra);
    titles.push(extra);
    expectTitlesWithTagErrors(await list(), ['SUBREQUEST_HTTP_ERROR', 'SUBGRAPH_CIRCUIT_BREAKER_REJECTED']);

    // The gateway stays ready; planning's health is on the ops port's /metrics.
    const ready = await fetch(`${gateway.opsUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect((await fetch(gateway.url.replace('/graphql', '/readyz'))).status).toBe(200);
    expect(await metricValue('gateway_subgraph_up', 'planning')).toBe(0);
    expect(await metricValue('gateway_subgraph_circuit_state', 'planning')).toBe(1);
    expect(await metricValue('gateway_subgraph_up', 'tasks')).toBe(1);

    await planning.open();
    await eventually(fullAnswer, { timeoutMs: 30_000, what: 'full answers after planning returned' });
    expect(await metricValue('gateway_subgraph_up', 'planning')).toBe(1);
    expect(await metricValue('gateway_subgraph_circuit_state', 'planning')).toBe(0);
  });
});

describe('planning hanging', () => {
  it('times each call out with REQUEST_TIMEOUT at each tags path, keeps mutations and readiness, and recovers', async () => {
    planning.mode = 'hang';

    const answer = await list();
    expectTitlesWithTagErrors(answer, ['REQUEST_TIMEOUT']);

    const extra = `while planning hangs ${randomUUID().slice(0, 8)}`;
    const created = await createTask(extra);
    expect(created.errors).toBeUndefined();
    titles.push(extra);

    const rejected = await eventually(
      async () => {
        const next = await list();
        return next.errors?.some((e) => e.extensions?.code === 'SUBGRAPH_CIRCUIT_BREAKER_REJECTED') ? next : undefined;
      },
      { timeoutMs: 30_000, what: 'the circuit to open' },
    );
    expectTitlesWithTagErrors(rejected, ['SUBGRAPH_CIRCUIT_BREAKER_REJECTED']);
    expect((await fetch(`${gateway.opsUrl}/readyz`)).status).toBe(200);
    expect(await metricValue('gateway_subgraph_up', 'planning')).toBe(0);

    planning.mode = 'forward';
    await eventually(fullAnswer, { timeoutMs: 30_000, what: 'full answers after planning answers again' });
    expect(await metricValue('gateway_subgraph_up', 'planning')).toBe(1);
  });
});
