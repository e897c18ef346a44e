import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getOperationAST, parse, type FormattedExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createBoundedQueue } from '@taskwire/platform/bounded-queue';
import { createLogger } from '@taskwire/platform/logger';
import { createMetricsRegistry } from '@taskwire/platform/metrics';
import { createErrorMasker, internalServerError } from '../error-masking.js';
import type { EventExecutor } from './execution.js';
import {
  createSubscriptionGroups,
  groupKey,
  wsUrlOf,
  type ClientSubscription,
  type SubscriptionRequest,
} from './groups.js';
import { createSubscriptionMetrics } from './metrics.js';
import { createSubscriptionPlanner } from './planner.js';
import type { UpstreamListener, UpstreamPool, UpstreamRequest } from './upstream.js';

const supergraphSdl = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/supergraph.graphql'),
  'utf8',
);

/** An upstream pool that keeps what was asked of it; the test plays the subgraph. */
function recordingPool() {
  const opened: Array<{
    request: UpstreamRequest;
    token: () => string | null;
    listener: UpstreamListener;
    left: boolean;
  }> = [];
  const pool: Pick<UpstreamPool, 'subscribe'> = {
    subscribe(request, token, listener) {
      const entry = { request, token, listener, left: false };
      opened.push(entry);
      return () => {
        entry.left = true;
      };
    },
  };
  return { pool, opened };
}

/** An executor that echoes the event's data, counting runs (the real one: execution.test.ts). */
function echoExecutor() {
  const runs: Array<{ token: string | null }> = [];
  const executor: EventExecutor = {
    prepare: (options) => ({ ...options, operationContext: undefined as never, queryHash: 'h' }),
    run: async (_prepared, event, context) => {
      runs.push({ token: context.token });
      return { data: event.data ?? null };
    },
  };
  return { executor, runs };
}

function setUp(executorOf: () => ReturnType<typeof echoExecutor> = echoExecutor) {
  const planner = createSubscriptionPlanner(supergraphSdl);
  const { pool, opened } = recordingPool();
  const { executor, runs } = executorOf();
  const logger = createLogger('groups-test', 'silent');
  const groups = createSubscriptionGroups({
    planner,
    executor,
    pool,
    subgraphUrls: { planning: 'https://planning.internal:4003/graphql' },
    contextFor: (userId, token) => ({
      user: { id: userId },
      token,
      requestId: 'r',
      traceparent: null,
      clientAddress: 'x',
    }),
    mask: createErrorMasker(logger),
    logger,
    metrics: createSubscriptionMetrics(createMetricsRegistry('gateway-test'), () => ({
      upstreams: 0,
      sockets: 0,
      connections: 0,
      open: 0,
    })),
  });
  return { groups, opened, runs };
}

function request(userId: string, query: string, variables: Record<string, unknown> = {}): SubscriptionRequest {
  const document = parse(query);
  return { userId, query, document, operation: getOperationAST(document)!, operationName: undefined, variables };
}

function client(token: string, expiresAtMs = Date.now() + 60_000) {
  const got: FormattedExecutionResult[] = [];
  const ends: string[] = [];
  const queue = createBoundedQueue<FormattedExecutionResult>({ maxQueued: 10, onClose: (why) => void ends.push(why) });
  const subscription: ClientSubscription = { auth: { userId: 'u', token, expiresAtMs }, queue };
  const drain = async () => {
    while (queue.size() > 0) got.push((await queue.iterator.next()).value as FormattedExecutionResult);
  };
  return { subscription, got, ends, drain };
}

const settle = () => new Promise((r) => setTimeout(r, 10));
const due = 'subscription { reminderDue { id } }';

describe('createSubscriptionGroups', () => {
  it('shares one upstream and one execution per event between identical subscriptions of a user', async () => {
    const { groups, opened, runs } = setUp();
    const a = client('old', Date.now() + 10_000);
    const b = client('new', Date.now() + 50_000);
    groups.join(request('u1', due), a.subscription);
    groups.join(request('u1', due), b.subscription);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.request).toMatchObject({
      subgraph: 'planning',
      url: 'wss://planning.internal:4003/graphql',
      userId: 'u1',
      query: expect.stringContaining('reminderDue'),
    });
    expect(opened[0]!.token()).toBe('new');
    opened[0]!.listener.next({ data: { reminderDue: { id: 'f1' } } });
    opened[0]!.listener.next({ data: { reminderDue: { id: 'f2' } } });
    await settle();
    await a.drain();
    await b.drain();
    expect(runs).toEqual([{ token: 'new' }, { token: 'new' }]);
    const ids = (c: typeof a) => c.got.map((r) => (r.data as { reminderDue: { id: string } }).reminderDue.id);
    expect(ids(a)).toEqual(['f1', 'f2']);
    expect(ids(b)).toEqual(['f1', 'f2']);
  });

  it('keeps users, documents and variables apart', () => {
    const { groups, opened } = setUp();
    groups.join(request('u1', due), client('t').subscription);
    groups.join(request('u2', due), client('t').subscription);
    groups.join(request('u1', 'subscription { reminderDue { id firedAt } }'), client('t').subscription);
    groups.join(request('u1', due, { x: 1 }), client('t').subscription);
    expect(opened).toHaveLength(4);
    expect(groups.size()).toBe(4);
    expect(groupKey(request('u1', due, { x: 1 }))).not.toBe(groupKey(request('u1', due, { x: 2 })));
  });

  it('closes the upstream when the last client leaves, not before', () => {
    const { groups, opened } = setUp();
    const leaveA = groups.join(request('u1', due), client('t').subscription);
    const leaveB = groups.join(request('u1', due), client('t').subscription);
    leaveA();
    leaveA();
    expect(opened[0]!.left).toBe(false);
    leaveB();
    expect(opened[0]!.left).toBe(true);
    expect(groups.size()).toBe(0);
    groups.join(request('u1', due), client('t').subscription);
    expect(opened).toHaveLength(2);
  });

  it('ends every client with the masked upstream error, and with upstream_complete', async () => {
    const { groups, opened } = setUp();
    const a = client('t');
    groups.join(request('u1', due), a.subscription);
    opened[0]!.listener.error([{ message: 'pg: too many connections' }]);
    await settle();
    await a.drain();
    expect(a.got).toEqual([{ errors: [internalServerError] }]);
    expect(a.ends).toEqual(['upstream_error']);
    expect(groups.size()).toBe(0);

    const b = client('t');
    groups.join(request('u1', due), b.subscription);
    opened[1]!.listener.complete();
    await settle();
    expect(b.ends).toEqual(['upstream_complete']);
  });

  it('goes on with later events when one fails past the executor', async () => {
    const { groups, opened } = setUp(() => {
      const echo = echoExecutor();
      let calls = 0;
      const run: EventExecutor['run'] = (prepared, event, context) => {
        calls++;
        if (calls === 1) throw new Error('unexpected');
        return echo.executor.run(prepared, event, context);
      };
      return { executor: { ...echo.executor, run }, runs: echo.runs };
    });
    const a = client('t');
    groups.join(request('u1', due), a.subscription);
    opened[0]!.listener.next({ data: { reminderDue: { id: 'lost' } } });
    opened[0]!.listener.next({ data: { reminderDue: { id: 'f2' } } });
    await settle();
    await a.drain();
    expect(a.got).toEqual([{ data: { reminderDue: { id: 'f2' } } }]);
  });

  it('refuses an operation that is not a subscription with the planner’s error', () => {
    const { groups, opened } = setUp();
    expect(() => groups.join(request('u1', '{ tags { id } }'), client('t').subscription)).toThrow(/subscription/);
    expect(opened).toHaveLength(0);
  });

  it('ends every group on endAll', async () => {
    const { groups } = setUp();
    const a = client('t');
    const b = client('t');
    groups.join(request('u1', due), a.subscription);
    groups.join(request('u2', due), b.subscription);
    groups.endAll('shutdown');
    expect([a.ends, b.ends]).toEqual([['shutdown'], ['shutdown']]);
  });
});

describe('wsUrlOf', () => {
  it('maps http to ws and https to wss', () => {
    expect(wsUrlOf('http://planning:4003/graphql')).toBe('ws://planning:4003/graphql');
    expect(wsUrlOf('https://planning/graphql')).toBe('wss://planning/graphql');
  });
});
