/**
 * OpenTelemetry tracing of a Taskwire process (docs/operations.md "Tracing"). Started once, before
 * the service's own modules load (`platform/src/tracing-start.ts` is every entry point's first
 * import), so the instrumentations patch pg, kafkajs, http and graphql before anything uses them.
 *
 * Spans are always created and W3C trace context is always propagated (HTTP in and out, the
 * outbox, Kafka headers: platform/src/trace-context.ts), so logs carry trace ids and a client's
 * `traceparent` is continued; they are exported only where configured: OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set, JSON lines appended to TRACES_FILE when that is set.
 */
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SpanKind } from '@opentelemetry/api';
import {
  CompositePropagator,
  ExportResultCode,
  hrTimeToMicroseconds,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
  type ExportResult,
} from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { z } from 'zod';
import { loadConfigOrExit } from './config.js';

export const tracingConfigSchema = z.object({
  /** Service name on every span (the launchers set it: dev/src/start.ts, bin/taskwire.mjs). */
  OTEL_SERVICE_NAME: z.string().min(1).default('taskwire'),
  /** OTLP/HTTP collector base URL (`/v1/traces` is appended); unset: no OTLP export. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** File that finished spans are appended to, one JSON object a line; unset: none. */
  TRACES_FILE: z.string().min(1).optional(),
});
export type TracingConfig = z.infer<typeof tracingConfigSchema>;

/** One line of TRACES_FILE. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: keyof typeof SpanKind;
  service: string;
  startUs: number;
  durationUs: number;
  status: 'UNSET' | 'OK' | 'ERROR';
  attributes: Record<string, unknown>;
  links: Array<{ traceId: string; spanId: string }>;
}

const statusNames = ['UNSET', 'OK', 'ERROR'] as const;
const kindNames = Object.fromEntries(Object.entries(SpanKind).map(([k, v]) => [v, k])) as Record<
  number,
  keyof typeof SpanKind
>;

/** The `service.name` of the resource that recorded the span ('' when unset). */
function serviceName(span: ReadableSpan): string {
  const name = span.resource.attributes['service.name'];
  return typeof name === 'string' ? name : '';
}

export function toSpanRecord(span: ReadableSpan): SpanRecord {
  const sc = span.spanContext();
  return {
    traceId: sc.traceId,
    spanId: sc.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    kind: kindNames[span.kind] ?? 'INTERNAL',
    service: serviceName(span),
    startUs: hrTimeToMicroseconds(span.startTime),
    durationUs: hrTimeToMicroseconds(span.duration),
    status: statusNames[span.status.code] ?? 'UNSET',
    attributes: { ...span.attributes },
    links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
  };
}

/** Appends spans to a local file (one write per batch, so processes can share the file). */
export class FileSpanExporter implements SpanExporter {
  constructor(private readonly path: string) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      appendFileSync(this.path, spans.map((s) => `${JSON.stringify(toSpanRecord(s))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }
  async shutdown(): Promise<void> {}
}

function configuredProcessors(config: TracingConfig): SpanProcessor[] {
  const processors: SpanProcessor[] = [];
  // The exporter reads the rest of the standard OTEL_EXPORTER_OTLP_* variables (headers, timeout).
  if (config.OTEL_EXPORTER_OTLP_ENDPOINT)
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  if (config.TRACES_FILE)
    processors.push(new BatchSpanProcessor({ exporter: new FileSpanExporter(config.TRACES_FILE) }));
  return processors;
}

const opsPaths = new Set(['/healthz', '/readyz', '/metrics']);

function instrumentations() {
  return [
    // Probes and scrapes would be a root trace each, every few seconds.
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => opsPaths.has((req.url ?? '').split('?')[0]!) }),
    new UndiciInstrumentation({ requireParentforSpans: true }),
    // Polling queries (relay, scheduler) outside any request would be a root trace each.
    new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    new KafkaJsInstrumentation(),
    new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
  ];
}

export interface Tracing {
  config: TracingConfig;
  /** Flushes and stops exporting (call last on shutdown). */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/**
 * Starts the SDK once per process (later calls return the first handle); an invalid variable
 * exits 1 naming it. `spanProcessors` replaces the configured exporters (tests pass an
 * in-memory one).
 */
export function startTracing(
  options: { env?: Record<string, string | undefined>; spanProcessors?: SpanProcessor[] } = {},
): Tracing {
  if (started) return started;
  const config = loadConfigOrExit(tracingConfigSchema, options.env ?? process.env);
  const processors = options.spanProcessors ?? configuredProcessors(config);
  const sdk = new NodeSDK({
    serviceName: config.OTEL_SERVICE_NAME,
    // Without a processor the SDK registers no tracer provider, and nothing would carry a trace id.
    spanProcessors: processors.length > 0 ? processors : [new NoopSpanProcessor()],
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations: instrumentations(),
    // Traces only: metrics are Prometheus (platform/src/metrics.ts), logs are pino on stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // ESM imports of these CommonJS packages bypass the require hook the instrumentations
  // install; requiring them once here runs the hook, which patches their shared prototypes.
  const require = createRequire(import.meta.url);
  for (const id of ['node:http', 'node:https', 'pg', 'pg-pool', 'kafkajs']) require(id);
  started = { config, shutdown: () => sdk.shutdown() };
  return started;
}
