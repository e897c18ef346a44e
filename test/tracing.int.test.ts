/**
 * One trace from the client's request to the audit row, across HTTP, the outbox, Kafka and the
 * consumers (docs/operations.md "Tracing"): the whole stack in this process, spans collected by
 * an in-memory exporter, log lines collected from the loggers' writes to stdout.
 */
import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { createAuditDatabase, findAuditEntryByEventId } from '@taskwire/audit/testing';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing } from '@taskwire/platform/tracing';
import type { Stack } from './stack.js';
import { captureLogLines, eventually, graphqlRequest, uniqueSuffix } from './support.js';

const exporter = new InMemorySpanExporter();
// Before the stack's modules load, as every entry point does (platform/src/tracing-start.ts):
// they are imported dynamically below, since a module loaded earlier (graphql, @apollo/gateway)
// would not be instrumented.
startTracing({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });

/** JSON lines the services' pino loggers write to stdout (fd 1) while the test runs. */
const logLines: Array<Record<string, unknown>> = [];

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function spansOf(traceId: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
}
const idOf = (s: ReadableSpan) => s.spanContext().spanId;
const parentOf = (s: ReadableSpan) => s.parentSpanContext?.spanId;

/** The span ids from `span`'s parent up to the root of its trace (as far as spans finished). */
function ancestorIds(span: ReadableSpan, spans: ReadableSpan[]): string[] {
  const byId = new Map(spans.map((s) => [idOf(s), s]));
  const ids: string[] = [];
  for (let id = parentOf(span); id; id = byId.get(id) && parentOf(byId.get(id)!)) ids.push(id);
  return ids;
}

/** The consumer group's CONSUMER span in `traceId` for the message published by `producer`. */
function consumerSpanOf(traceId: string, group: string, producer: ReadableSpan): ReadableSpan | undefined {
  return spansOf(traceId).find(
    (s) =>
      s.kind === SpanKind.CONSUMER &&
      s.attributes['messaging.consumer.group.name'] === group &&
      parentOf(s) === idOf(producer),
  );
}

/** Asserts `consumer` continues `producer`: its child, linked to it, and the same trace. */
function expectContinues(consumer: ReadableSpan, producer: ReadableSpan): void {
  expect(consumer.spanContext().traceId).toBe(producer.spanContext().traceId);
  expect(parentOf(consumer)).toBe(idOf(producer));
  expect(consumer.links.map((l) => l.context.spanId)).toEqual([idOf(producer)]);
  expect(consumer.attributes['messaging.message.id']).toBe(producer.attributes['messaging.message.id']);
}

describe('tracing across the stack', () => {
  let stack: Stack;
  let restoreStdout: () => void;
  let token: string;
  let userId: string;
  let userIdHash: (userId: string) => string;

  async function gql(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const res = await graphqlRequest(stack.gatewayUrl, query, variables, token, headers);
    expect(res.errors).toBeUndefined();
    return res.data;
  }

  beforeAll(async () => {
    restoreStdout = captureLogLines(logLines);
    const { startStack } = await import('./stack.js');
    ({ userIdHash } = await import('@taskwire/gateway/service'));
    stack = await startStack({ logLevel: 'info' });
    const res = await graphqlRequest(
      stack.gatewayUrl,
      `mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }`,
      {
        i: {
          email: `trace-${uniqueSuffix()}@example.com`,
          password: 'correct horse battery 9',
          name: 'T',
          timeZone: 'UTC',
        },
      },
    );
    expect(res.errors).toBeUndefined();
    token = res.data.signUp.token as string;
    userId = res.data.signUp.user.id as string;
  });
  afterAll(async () => {
    await stack?.stop();
    restoreStdout?.();
  });

  it('one createTask: gateway → tasks subgraph → outbox relay → audit-writer in the client’s trace', async () => {
    const traceId = hex(16);
    const clientSpanId = hex(8);
    const data = await gql(
      `mutation Create($i: CreateTaskInput!) { createTask(input: $i) { id } }`,
      { i: { title: 'traced', priority: 'HIGH' } },
      { traceparent: `00-${traceId}-${clientSpanId}-01` },
    );
    const taskId = data.createTask.id as string;

    const { producer, auditWriter } = await eventually(
      () => {
        const producer = spansOf(traceId).find(
          (s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.kafka.message.key'] === taskId,
        );
        const auditWriter = producer && consumerSpanOf(traceId, `audit-writer-${stack.suffix}`, producer);
        return auditWriter ? { producer, auditWriter } : undefined;
      },
      { what: 'the audit-writer span of the task.created event' },
    );
    const spans = spansOf(traceId);

    // The gateway continues the client's traceparent.
    const gateway = spans.find((s) => s.kind === SpanKind.SERVER && parentOf(s) === clientSpanId);
    expect(gateway?.name).toBe('POST');
    // The tasks subgraph's server span is a child of the gateway's fetch from tasks.
    const fetchTasks = spans.find((s) => s.name === 'gateway.fetch' && s.attributes.service === 'tasks')!;
    expect(ancestorIds(fetchTasks, spans)).toContain(idOf(gateway!));
    const tasksServer = spans.find(
      (s) => s.kind === SpanKind.SERVER && ancestorIds(s, spans).includes(idOf(fetchTasks)),
    );
    expect(tasksServer).toBeDefined();
    // The relay publishes under the span of the transaction that wrote the outbox row.
    expect(producer.name).toBe('publish task-events');
    const producerAncestors = ancestorIds(producer, spans);
    expect(producerAncestors).toContain(idOf(tasksServer!));
    const outboxInsert = spans.find(
      (s) => s.kind === SpanKind.CLIENT && String(s.attributes['db.query.text']).startsWith('insert into "outbox"'),
    )!;
    expect(parentOf(outboxInsert)).toBe(parentOf(producer));
    // The audit-writer continues the relay's span, and its inserts are its children.
    expectContinues(auditWriter, producer);
    expect(auditWriter.attributes['taskwire.event.type']).toBe('task.created');
    const auditInsert = spans.find(
      (s) =>
        parentOf(s) === idOf(auditWriter) &&
        String(s.attributes['db.query.text']).includes('insert into audit_entries'),
    );
    expect(auditInsert).toBeDefined();

    // The access log line of the request, in its trace.
    const access = logLines.find((l) => l.msg === 'graphql request' && l.trace_id === traceId);
    expect(access).toMatchObject({
      operation: 'Create',
      status: 200,
      user: userIdHash(userId),
      span_id: idOf(gateway!),
    });
    expect(access!.user).not.toContain(userId);
  });

  it('one completeTask: recurrence consumer → next instance → its audit-writer span and audit row, one trace', async () => {
    const created = await gql(`mutation($i: CreateTaskInput!) { createTask(input: $i) { id } }`, {
      i: {
        title: 'daily',
        priority: 'LOW',
        dueAt: '2027-03-27T08:00:00Z',
        recurrence: { rrule: 'FREQ=DAILY', timeZone: 'UTC' },
      },
    });
    const taskId = created.createTask.id as string;
    const traceId = hex(16);
    await gql(
      `mutation($id: ID!) { completeTask(id: $id) { status } }`,
      { id: taskId },
      {
        traceparent: `00-${traceId}-${hex(8)}-01`,
      },
    );

    const chain = await eventually(
      () => {
        const spans = spansOf(traceId);
        const completed = spans.find(
          (s) => s.kind === SpanKind.PRODUCER && s.attributes['messaging.kafka.message.key'] === taskId,
        );
        const recurrence = completed && consumerSpanOf(traceId, `recurrence-${stack.suffix}`, completed);
        const next =
          recurrence &&
          spans.find((s) => s.kind === SpanKind.PRODUCER && ancestorIds(s, spans).includes(idOf(recurrence)));
        const auditWriter = next && consumerSpanOf(traceId, `audit-writer-${stack.suffix}`, next);
        return auditWriter ? { completed, recurrence, next, auditWriter } : undefined;
      },
      { timeoutMs: 30_000, what: 'the next instance’s audit-writer span' },
    );
    expectContinues(chain.recurrence, chain.completed);
    expect(chain.recurrence.attributes['taskwire.event.type']).toBe('task.completed');
    expect(chain.next.attributes['messaging.kafka.message.key']).not.toBe(taskId);
    expectContinues(chain.auditWriter, chain.next);
    expect(chain.auditWriter.attributes['taskwire.event.type']).toBe('task.created');

    // The next instance's audit row stores the trace context of the recurrence consumer's transaction.
    const audit = createAuditDatabase({ url: stack.databaseUrl, maxConnections: 1 });
    try {
      const row = await eventually(async () =>
        findAuditEntryByEventId(audit, String(chain.next.attributes['messaging.message.id'])),
      );
      expect(row.traceparent?.split('-')[1]).toBe(traceId);
      const spanIds = new Set(spansOf(traceId).map(idOf));
      expect(spanIds.has(row.traceparent!.split('-')[2]!)).toBe(true);
    } finally {
      await audit.destroy();
    }
  });

  it('every log line of a request carries the trace id of its spans', async () => {
    const traceId = hex(16);
    const requestId = `trace-log-${uniqueSuffix()}`;
    const res = await graphqlRequest(
      stack.gatewayUrl,
      `mutation SignUp($i: SignUpInput!) { signUp(input: $i) { token } }`,
      {
        i: {
          email: `log-${uniqueSuffix()}@example.com`,
          password: 'correct horse battery 9',
          name: 'L',
          timeZone: 'UTC',
        },
      },
      null,
      { traceparent: `00-${traceId}-${hex(8)}-01`, 'x-request-id': requestId },
    );
    expect(res.errors).toBeUndefined();
    const lines = await eventually(() => {
      const found = logLines.filter((l) => l.requestId === requestId);
      // The accounts subgraph's "user signed up" and the gateway's access log line.
      return found.some((l) => l.msg === 'graphql request') && found.some((l) => l.name === 'accounts')
        ? found
        : undefined;
    });
    const spanIds = new Set(spansOf(traceId).map(idOf));
    for (const line of lines) {
      expect(line.trace_id).toBe(traceId);
      expect(spanIds.has(String(line.span_id))).toBe(true);
    }
    expect(lines.find((l) => l.msg === 'graphql request')).toMatchObject({
      operation: 'SignUp',
      status: 200,
      user: null,
    });
  });

  it('a malformed traceparent starts a new trace instead of failing the request', async () => {
    const requestId = `trace-bad-${uniqueSuffix()}`;
    const res = await graphqlRequest(stack.gatewayUrl, `query Me { me { id } }`, {}, token, {
      traceparent: '00-not-a-trace-01',
      'x-request-id': requestId,
    });
    expect(res.errors).toBeUndefined();
    const access = await eventually(() =>
      logLines.find((l) => l.requestId === requestId && l.msg === 'graphql request'),
    );
    expect(String(access.trace_id)).toMatch(/^[0-9a-f]{32}$/);
    const gateway = spansOf(String(access.trace_id)).find((s) => s.kind === SpanKind.SERVER && !s.parentSpanContext);
    expect(gateway).toBeDefined();
  });
});
