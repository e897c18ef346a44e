import { describe, expect, it } from 'vitest';
import { buildDeadLetterHeaders, deadLetterTopic, uniqueByEventId } from './consumer-runner.js';
import { buildDeadLetterRecord } from './consumer-runner-dead-letter.js';
import { EventContractError } from './events/index.js';

describe('buildDeadLetterHeaders', () => {
  it('carries the contract headers of EVENTS.md over the original ones', () => {
    const headers = buildDeadLetterHeaders({
      error: new TypeError('boom'),
      consumer: 'audit-writer',
      topic: 'task-events',
      partition: 3,
      offset: '42',
      attempts: 5,
      originalHeaders: { 'x-event-id': 'e1', 'x-error': 'stale' },
    });
    expect(headers).toEqual({
      'x-event-id': 'e1',
      'x-error': 'TypeError: boom',
      'x-error-kind': 'handler-failed',
      'x-consumer': 'audit-writer',
      'x-original-topic': 'task-events',
      'x-original-partition': '3',
      'x-original-offset': '42',
      'x-attempts': '5',
    });
  });

  it('names the contract violation in x-error-kind', () => {
    const headers = buildDeadLetterHeaders({
      error: new EventContractError('unknown-version', 'task.created version 9 is not supported (expected 1)'),
      consumer: 'c',
      topic: 'task-events',
      partition: 0,
      offset: '7',
      attempts: 1,
    });
    expect(headers['x-error-kind']).toBe('unknown-version');
    expect(headers['x-error']).toBe('EventContractError: task.created version 9 is not supported (expected 1)');
  });

  it('truncates a huge error message and accepts non-Error throws', () => {
    const long = buildDeadLetterHeaders({
      error: 'x'.repeat(10_000),
      consumer: 'c',
      topic: 't',
      partition: 0,
      offset: '0',
      attempts: 1,
    });
    expect(String(long['x-error']).length).toBeLessThanOrEqual(2001);
    expect(deadLetterTopic('task-events')).toBe('task-events.dlq');
  });
});

describe('uniqueByEventId', () => {
  it('keeps the first occurrence of each event in order', () => {
    const items = ['a', 'b', 'a', 'c', 'b'].map((id, i) => ({ event: { id }, i }));
    expect(uniqueByEventId(items).map((x) => x.i)).toEqual([0, 1, 3]);
  });
});

describe('buildDeadLetterRecord', () => {
  it('copies key and value to <topic>.dlq with acks=all and the dead-letter headers', () => {
    const record = buildDeadLetterRecord({
      message: {
        key: Buffer.from('k1'),
        value: Buffer.from('{"bad":true}'),
        offset: '12',
        timestamp: '0',
        attributes: 0,
        headers: { traceparent: 'tp' },
      },
      consumer: 'notifier',
      topic: 'task-events',
      partition: 1,
      error: new Error('smtp down'),
      attempts: 5,
    });
    expect(record.topic).toBe('task-events.dlq');
    expect(record.acks).toBe(-1);
    expect(record.messages).toHaveLength(1);
    const [copy] = record.messages;
    expect(copy!.key?.toString()).toBe('k1');
    expect(copy!.value?.toString()).toBe('{"bad":true}');
    expect(copy!.headers).toMatchObject({
      traceparent: 'tp',
      'x-error': 'Error: smtp down',
      'x-error-kind': 'handler-failed',
      'x-consumer': 'notifier',
      'x-original-topic': 'task-events',
      'x-original-partition': '1',
      'x-original-offset': '12',
      'x-attempts': '5',
    });
  });
});
