/**
 * Trace context across the asynchronous hops (docs/operations.md "Tracing"): the transaction
 * that enqueues an event stores its span's context in the envelope, the outbox relay publishes
 * each row under a PRODUCER span child of that context and writes the span's `traceparent`
 * as a Kafka header, and the consumer runner processes each message under a CONSUMER span
 * that continues (child of, and linked to) that producer span.
 *
 * Only `@opentelemetry/api`: without `startTracing` (platform/src/tracing.ts) every span here
 * is a no-op and stored contexts fall back to what the caller passed.
 */
import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import { suppressTracing, W3CTraceContextPropagator } from '@opentelemetry/core';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import type { MessageMeta } from './consumer-runner.js';
import type { EventEnvelope } from './events/index.js';

/** Instrumentation scope of Taskwire's own spans. */
export const tracerName = 'taskwire';

const tracer = () => trace.getTracer(tracerName);
// Explicit, not the global propagator: the stored and header formats are W3C whatever the SDK's setup.
const w3c = new W3CTraceContextPropagator();

/** W3C `traceparent` of the active span, or null when there is none (tracing not started). */
export function activeTraceparent(ctx: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier.traceparent ?? null;
}

/** The context a `traceparent` value describes (ROOT_CONTEXT when absent or malformed). */
export function contextOf(traceparent: string | null | undefined): Context {
  if (!traceparent) return ROOT_CONTEXT;
  return w3c.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);
}

/**
 * A client's `traceparent` header as a W3C version-00 value, or null when it is not a valid one
 * (malformed, all-zero ids, version ff, oversized): what enters from outside is parsed by the
 * W3C propagator and written back, so a request cannot store anything else in events or audit rows.
 */
export function validTraceparent(value: string | null | undefined): string | null {
  if (!value || value.length > maxTraceparentChars) return null;
  return activeTraceparent(contextOf(value));
}
// Version 00 is 55 characters; later versions may append fields, which are not kept.
const maxTraceparentChars = 512;

/**
 * An event to enqueue, with `traceparent` set to the enqueuing transaction's span (so the
 * relay's span continues the request's trace); keeps the caller's value when no span is active.
 */
export function withTraceContext<E extends { traceparent?: string | null }>(event: E): E {
  const traceparent = activeTraceparent();
  return traceparent ? { ...event, traceparent } : event;
}

/** Log fields of the active span (a pino mixin): every line of a traced request carries them. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  const sc = span?.spanContext();
  return sc && isSpanContextValid(sc) ? { trace_id: sc.traceId, span_id: sc.spanId } : {};
}

/** `fn` bound to the active context, for callbacks that fire outside it (e.g. `res.on('finish')`). */
export function bindActiveContext<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return context.bind(context.active(), fn);
}

function envelopeTraceparent(value: Message['value']): string | null {
  try {
    const parsed = JSON.parse(String(value)) as { traceparent?: unknown };
    return typeof parsed.traceparent === 'string' ? parsed.traceparent : null;
  } catch {
    return null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function endAll(spans: Span[], error?: unknown): void {
  for (const span of spans) {
    if (error !== undefined) {
      span.recordException(error instanceof Error ? error : messageOf(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
    }
    span.end();
  }
}

/**
 * Runs the relay's `send` of `topicMessages` under one PRODUCER span per message, each a child
 * of the context stored in its envelope, and writes that span's `traceparent` header. The
 * kafkajs instrumentation is suppressed for this send: its own send spans would start from the
 * relay loop's (empty) context and overwrite the header, cutting the trace.
 */
export async function tracePublish<T>(
  topicMessages: ReadonlyArray<{ topic: string; messages: Message[] }>,
  send: () => Promise<T>,
): Promise<T> {
  const spans: Span[] = [];
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const headers = (message.headers ??= {});
      const span = tracer().startSpan(
        `publish ${topic}`,
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.operation.type': 'send',
            'messaging.destination.name': topic,
            'messaging.message.id': String(headers['x-event-id'] ?? ''),
            'messaging.kafka.message.key': String(message.key ?? ''),
          },
        },
        contextOf(envelopeTraceparent(message.value)),
      );
      const traceparent = activeTraceparent(trace.setSpan(ROOT_CONTEXT, span));
      if (traceparent) headers.traceparent = traceparent;
      spans.push(span);
    }
  }
  try {
    const result = await context.with(suppressTracing(context.active()), send);
    endAll(spans);
    return result;
  } catch (error) {
    endAll(spans, error);
    throw error;
  }
}

const headerGetter: TextMapGetter<IHeaders | undefined> = {
  get: (headers, key) => {
    const v = headers?.[key];
    const first = Array.isArray(v) ? v[0] : v;
    return first === undefined ? undefined : String(first);
  },
  keys: (headers) => Object.keys(headers ?? {}),
};

/** The CONSUMER span context of each event being processed, for handlers of a batch. */
const eventContexts = new WeakMap<EventEnvelope, Context>();

/**
 * Runs a consumer's handler call for `items` (one message, or a batch in one transaction). Each
 * message gets a CONSUMER span that is a child of, and linked to, the producer span named by
 * its `traceparent` header. `fn` runs under that span for a single message; for several, under
 * a batch span linked to each message's span (one transaction has one parent), and a batch
 * handler puts each event's own span back with `inEventContext`.
 */
export async function traceConsumed<T>(
  consumer: string,
  items: ReadonlyArray<{ message: KafkaMessage; event: EventEnvelope; meta: MessageMeta }>,
  fn: () => Promise<T>,
): Promise<T> {
  if (items.length === 0) return fn();
  const spans = items.map(({ message, event, meta }) => {
    const producer = w3c.extract(ROOT_CONTEXT, message.headers, headerGetter);
    const producerSpan = trace.getSpanContext(producer);
    const links: Link[] = producerSpan && isSpanContextValid(producerSpan) ? [{ context: producerSpan }] : [];
    const span = tracer().startSpan(
      `process ${meta.topic}`,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.destination.name': meta.topic,
          'messaging.consumer.group.name': consumer,
          'messaging.destination.partition.id': String(meta.partition),
          'messaging.kafka.offset': Number(meta.offset),
          'messaging.message.id': event.id,
          'taskwire.event.type': event.type,
        },
      },
      producer,
    );
    eventContexts.set(event, trace.setSpan(context.active(), span));
    return span;
  });
  const batch =
    spans.length === 1
      ? undefined
      : tracer().startSpan(`process ${items[0]?.meta.topic ?? ''} batch`, {
          kind: SpanKind.CONSUMER,
          links: spans.map((s) => ({ context: s.spanContext() })),
          attributes: { 'messaging.batch.message_count': spans.length, 'messaging.consumer.group.name': consumer },
        });
  const all = batch ? [batch, ...spans] : spans;
  try {
    const result = await context.with(trace.setSpan(context.active(), (batch ?? spans[0])!), fn);
    endAll(all);
    return result;
  } catch (error) {
    endAll(all, error);
    throw error;
  }
}

/** Runs `fn` under the CONSUMER span of `event` (inside a batch handler), or as is when it has none. */
export function inEventContext<T>(event: EventEnvelope, fn: () => T): T {
  const ctx = eventContexts.get(event);
  return ctx ? context.with(ctx, fn) : fn();
}

/** Exports the spans still buffered (before `process.exit`, which would drop them). */
export async function flushSpans(): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const sdkProvider = provider.getDelegate?.() as { forceFlush?: () => Promise<void> } | undefined;
  await sdkProvider?.forceFlush?.().catch(() => undefined);
}
