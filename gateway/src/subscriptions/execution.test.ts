import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { getOperationAST, parse, type FormattedExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@taskwire/platform/logger';
import type { GatewayContext } from '../context.js';
import { createErrorMasker, internalServerError } from '../error-masking.js';
import { createEventExecutor } from './execution.js';
import { createSubscriptionPlanner } from './planner.js';

const supergraphSdl = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../schema/supergraph.graphql'),
  'utf8',
);

/** A subgraph data source that answers from `respond` and keeps what it was sent. */
function recordingSource(
  respond: (options: GraphQLDataSourceProcessOptions<GatewayContext>) => FormattedExecutionResult,
) {
  const calls: Array<GraphQLDataSourceProcessOptions<GatewayContext>> = [];
  const source: GraphQLDataSource<GatewayContext> = {
    process: async (options) => {
      calls.push(options);
      return respond(options);
    },
  };
  return { source, calls };
}

const context: GatewayContext = {
  user: { id: 'u1' },
  token: 'token-of-u1',
  requestId: 'r1',
  traceparent: null,
  clientAddress: 'subscription',
};

const event = { data: { reminderDue: { id: 'f1', task: { __typename: 'Task', id: 't1' } } } };

/**
 * These run @apollo/gateway's executeQueryPlan for real: they pin what the bridge relies on
 * (the primary fetch reaches the owner's data source with `FetchNode.operation` as its query,
 * the rest as `_entities` fetches with the event's keys), so an upgrade that changes it fails here.
 */
describe('createEventExecutor', () => {
  const planner = createSubscriptionPlanner(supergraphSdl);
  const schema = planner.apiSchema.toGraphQLJSSchema();
  const logger = createLogger('execution-test', 'silent');

  const setUp = (
    tasksAnswer: (options: GraphQLDataSourceProcessOptions<GatewayContext>) => FormattedExecutionResult,
  ) => {
    const planning = recordingSource(() => ({ errors: [{ message: 'planning must not be called' }] }));
    const tasks = recordingSource(tasksAnswer);
    const executor = createEventExecutor({
      planner,
      schema,
      dataSources: { planning: planning.source, tasks: tasks.source },
      mask: createErrorMasker(logger),
      logger,
    });
    const query = 'subscription Due { reminderDue { id task { title } } }';
    const document = parse(query);
    const prepared = executor.prepare({
      plan: planner.plan(document, 'Due'),
      document,
      operation: getOperationAST(document, 'Due')!,
      query,
      operationName: 'Due',
      variables: {},
    });
    return { executor, prepared, planning, tasks };
  };

  it('answers the primary fetch with the event and fetches the rest with its keys and the token', async () => {
    const { executor, prepared, planning, tasks } = setUp(() => ({
      data: { _entities: [{ title: 'Water the plants' }] },
    }));
    const result = await executor.run(prepared, event, context);
    expect(result).toEqual({ data: { reminderDue: { id: 'f1', task: { title: 'Water the plants' } } } });
    expect(planning.calls).toEqual([]);
    expect(tasks.calls).toHaveLength(1);
    expect(tasks.calls[0]!.request.query).toContain('_entities');
    expect(tasks.calls[0]!.request.variables).toEqual({ representations: [{ __typename: 'Task', id: 't1' }] });
    expect(tasks.calls[0]!.context).toBe(context);
  });

  it('passes a public error through and masks any other, keeping their paths', async () => {
    const notFound = setUp(() => ({
      data: { _entities: [null] },
      errors: [{ message: 'task t1 not found', path: ['_entities', 0], extensions: { code: 'NOT_FOUND' } }],
    }));
    const shown = await notFound.executor.run(notFound.prepared, event, context);
    expect(shown.errors).toEqual([
      { message: 'task t1 not found', path: ['reminderDue', 'task'], extensions: { code: 'NOT_FOUND' } },
    ]);

    const failing = setUp(() => ({
      data: { _entities: [null] },
      errors: [{ message: 'connection to PostgreSQL lost', path: ['_entities', 0] }],
    }));
    const masked = await failing.executor.run(failing.prepared, event, context);
    expect(masked.errors).toEqual([{ ...internalServerError, path: ['reminderDue', 'task'] }]);
    expect(JSON.stringify(masked)).not.toContain('PostgreSQL');
  });

  it('masks a data source that throws, and resolves', async () => {
    const { executor, prepared } = setUp(() => {
      throw new Error('socket hang up at 10.0.0.7');
    });
    const result = await executor.run(prepared, event, context);
    expect(JSON.stringify(result)).not.toContain('10.0.0.7');
    for (const e of result.errors ?? []) expect(e.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(result.errors?.length).toBeGreaterThan(0);
  });

  it('sends nothing anywhere when the owner serves every field', async () => {
    const planning = recordingSource(() => ({}));
    const executor = createEventExecutor({
      planner,
      schema,
      dataSources: { planning: planning.source },
      mask: createErrorMasker(logger),
      logger,
    });
    const query = 'subscription { reminderDue { id } }';
    const document = parse(query);
    const prepared = executor.prepare({
      plan: planner.plan(document),
      document,
      operation: getOperationAST(document)!,
      query,
      operationName: undefined,
      variables: {},
    });
    expect(await executor.run(prepared, { data: { reminderDue: { id: 'f2' } } }, context)).toEqual({
      data: { reminderDue: { id: 'f2' } },
    });
    expect(planning.calls).toEqual([]);
  });
});
