import type { DocumentNode, FormattedExecutionResult, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import type { BoundedQueue } from '@taskwire/platform/bounded-queue';
import type { Logger } from '@taskwire/platform/logger';
import type { GatewayContext } from '../context.js';
import type { ErrorMasker } from '../error-masking.js';
import { freshestToken, type ConnectionAuth } from './auth.js';
import type { EventExecutor, PreparedOperation } from './execution.js';
import type { SubscriptionMetrics, TerminationReason } from './metrics.js';
import type { SubscriptionPlan, SubscriptionPlanner } from './planner.js';
import type { UpstreamPool } from './upstream.js';

/** One client's subscription: its connection's auth and the queue its events wait in. */
export interface ClientSubscription {
  auth: ConnectionAuth;
  queue: BoundedQueue<FormattedExecutionResult>;
}

export interface SubscriptionRequest {
  userId: string;
  query: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

/** Identical client subscriptions of one user: one upstream, one plan execution per event. */
interface Group {
  key: string;
  prepared: PreparedOperation;
  userId: string;
  clients: Set<ClientSubscription>;
  /** Events and endings run one at a time, in order. */
  chain: Promise<void>;
  leaveUpstream: () => void;
}

export interface SubscriptionGroups {
  /**
   * Plans the request (once per document) and adds the client to its group, opening the
   * upstream subscription for the first. Returns the function that removes the client; the
   * last one out closes the upstream.
   * @throws GraphQLError when the operation cannot be planned.
   */
  join(request: SubscriptionRequest, client: ClientSubscription): () => void;
  /** Ends every client's queue with `reason` (gateway shutdown). */
  endAll(reason: TerminationReason): void;
  /** Open groups. */
  size(): number;
}

/** Plans kept per (operation name, document text). */
const maxCachedPlans = 1_000;

/** Plans each distinct document once (planning costs milliseconds; the same tab is opened many times). */
export function createPlanCache(planner: SubscriptionPlanner) {
  const plans = new Map<string, SubscriptionPlan>();
  return (request: Pick<SubscriptionRequest, 'document' | 'query' | 'operationName'>): SubscriptionPlan => {
    const key = `${request.operationName ?? ''}\u0000${request.query}`;
    let plan = plans.get(key);
    if (!plan) {
      plan = planner.plan(request.document, request.operationName);
      if (plans.size >= maxCachedPlans) plans.delete(plans.keys().next().value as string);
      plans.set(key, plan);
    }
    return plan;
  };
}

export function groupKey(request: Pick<SubscriptionRequest, 'userId' | 'operationName' | 'query' | 'variables'>) {
  return `${request.userId}\u0000${request.operationName ?? ''}\u0000${request.query}\u0000${JSON.stringify(request.variables)}`;
}

/** The ws(s) URL of a subgraph's graphql-ws endpoint, from its HTTP URL. */
export function wsUrlOf(httpUrl: string): string {
  const url = new URL(httpUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

export function createSubscriptionGroups(options: {
  planner: SubscriptionPlanner;
  executor: EventExecutor;
  pool: Pick<UpstreamPool, 'subscribe'>;
  subgraphUrls: Readonly<Record<string, string>>;
  /** The context the rest of the plan runs with for `userId` (forwarded as headers). */
  contextFor(userId: string, token: string | null): GatewayContext;
  mask: ErrorMasker;
  logger: Logger;
  metrics: Pick<SubscriptionMetrics, 'events' | 'eventDuration'>;
}): SubscriptionGroups {
  const { executor, pool, mask, logger, metrics } = options;
  const planFor = createPlanCache(options.planner);
  const groups = new Map<string, Group>();

  const tokenOf = (group: Group) => freshestToken([...group.clients].map((c) => c.auth));

  /** Runs `step` after the group's earlier events; a step that throws is logged, never left unhandled. */
  const enqueue = (group: Group, step: () => Promise<void> | void) => {
    group.chain = group.chain.then(step).catch((error) => logger.error({ err: error }, 'subscription event failed'));
  };

  const runEvent = async (group: Group, event: FormattedExecutionResult): Promise<void> => {
    metrics.events.inc({ stage: 'upstream' });
    if (group.clients.size === 0) return;
    const end = metrics.eventDuration.startTimer();
    const result = await executor.run(group.prepared, event, options.contextFor(group.userId, tokenOf(group)));
    metrics.events.inc({ stage: 'executed' });
    end();
    for (const client of group.clients) client.queue.push(result);
    metrics.events.inc({ stage: 'delivered' }, group.clients.size);
  };

  const endGroup = (group: Group, reason: TerminationReason, last?: FormattedExecutionResult) => {
    if (groups.get(group.key) === group) groups.delete(group.key);
    for (const client of [...group.clients]) client.queue.end(reason, last);
  };

  const upstreamFailed = (group: Group, error: unknown) => {
    const messages = Array.isArray(error) ? (error as GraphQLFormattedError[]) : undefined;
    const subgraph = group.prepared.plan.primary.serviceName;
    logger.warn({ err: messages ? undefined : error, errors: messages, subgraph }, 'upstream subscription failed');
    const errors = (messages ?? [{ message: String((error as Error)?.message ?? error) }]).map((e) => mask(e, error));
    enqueue(group, () => endGroup(group, 'upstream_error', { errors }));
  };

  const open = (key: string, request: SubscriptionRequest): Group => {
    const plan = planFor(request);
    const group: Group = {
      key,
      prepared: executor.prepare({ plan, ...request }),
      userId: request.userId,
      clients: new Set(),
      chain: Promise.resolve(),
      leaveUpstream: () => undefined,
    };
    const { primary } = plan;
    group.leaveUpstream = pool.subscribe(
      {
        subgraph: primary.serviceName,
        url: wsUrlOf(options.subgraphUrls[primary.serviceName]!),
        userId: request.userId,
        query: primary.operation,
        // The primary declares only the variables it uses.
        variables: Object.fromEntries(
          (primary.variableUsages ?? []).filter((n) => n in request.variables).map((n) => [n, request.variables[n]]),
        ),
      },
      () => tokenOf(group),
      {
        next: (event) => enqueue(group, () => runEvent(group, event)),
        error: (error) => upstreamFailed(group, error),
        complete: () => enqueue(group, () => endGroup(group, 'upstream_complete')),
      },
    );
    groups.set(key, group);
    return group;
  };

  return {
    join(request, client) {
      const key = groupKey(request);
      const group = groups.get(key) ?? open(key, request);
      group.clients.add(client);
      return () => {
        if (!group.clients.delete(client) || group.clients.size > 0) return;
        if (groups.get(group.key) === group) groups.delete(group.key);
        group.leaveUpstream();
      };
    },
    endAll(reason) {
      for (const group of [...groups.values()]) endGroup(group, reason);
    },
    size: () => groups.size,
  };
}
