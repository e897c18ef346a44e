import type { IHeaders, KafkaMessage, ProducerRecord } from 'kafkajs';
import { deadLetterTopic, EventContractError, type EventErrorKind } from './events/index.js';

/** Header names of a dead-letter message (schema/EVENTS.md "Dead-letter message"). */
export const deadLetterHeaderNames = {
  error: 'x-error',
  /** Short machine-readable reason: an `EventErrorKind` of the contract, or `handler-failed`. */
  errorKind: 'x-error-kind',
  consumer: 'x-consumer',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  attempts: 'x-attempts',
} as const;

/** Longest `x-error` header we write; a stack-sized message would bloat every DLQ record. */
const maxErrorHeaderChars = 2000;

/**
 * Headers of the dead-letter copy of a message: the original headers (so tracing and event
 * ids survive) overlaid with the contract headers of schema/EVENTS.md.
 */
/** Why a message was dead-lettered: an `EventErrorKind` of the contract, or `handler-failed`. */
export function deadLetterKind(error: unknown): EventErrorKind | 'handler-failed' {
  return error instanceof EventContractError ? error.kind : 'handler-failed';
}

export function buildDeadLetterHeaders(input: {
  error: unknown;
  consumer: string;
  topic: string;
  partition: number;
  offset: string;
  attempts: number;
  originalHeaders?: IHeaders;
}): IHeaders {
  const message = input.error instanceof Error ? `${input.error.name}: ${input.error.message}` : String(input.error);
  return {
    ...(input.originalHeaders ?? {}),
    [deadLetterHeaderNames.error]:
      message.length > maxErrorHeaderChars ? `${message.slice(0, maxErrorHeaderChars)}…` : message,
    [deadLetterHeaderNames.errorKind]: deadLetterKind(input.error),
    [deadLetterHeaderNames.consumer]: input.consumer,
    [deadLetterHeaderNames.originalTopic]: input.topic,
    [deadLetterHeaderNames.originalPartition]: String(input.partition),
    [deadLetterHeaderNames.originalOffset]: input.offset,
    [deadLetterHeaderNames.attempts]: String(input.attempts),
  };
}

/**
 * The record that dead-letters `message` of `topic`/`partition`: same key and value on
 * `<topic>.dlq`, acks from all in-sync replicas (its offset is committed right after).
 */
export function buildDeadLetterRecord(input: {
  message: KafkaMessage;
  consumer: string;
  topic: string;
  partition: number;
  error: unknown;
  attempts: number;
}): ProducerRecord {
  const { message, consumer, topic, partition, error, attempts } = input;
  return {
    topic: deadLetterTopic(topic),
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: buildDeadLetterHeaders({
          error,
          consumer,
          topic,
          partition,
          offset: message.offset,
          attempts,
          originalHeaders: message.headers,
        }),
      },
    ],
  };
}
