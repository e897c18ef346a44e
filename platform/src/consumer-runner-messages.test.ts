import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { classifyMessage, planBatchChunks, type ClassifiedMessage } from './consumer-runner-messages.js';
import { buildEvent, EventContractError, type EventEnvelope } from './events/index.js';
import { rawEnvelope } from './events/testing.js';

const handled: ReadonlySet<string> = new Set(['task.tagged']);

function message(offset: string, value: EventEnvelope | string | null): KafkaMessage {
  return {
    key: null,
    value: value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    offset,
    timestamp: '0',
    attributes: 0,
    headers: {},
  };
}

function tagged(taskId: string) {
  const tag = { id: 't1', name: 'x', color: null };
  return buildEvent('task.tagged', { actor: null, subject: taskId, userId: 'u1', data: { taskId, tag } }).envelope;
}

const classify = (m: KafkaMessage) => classifyMessage<'task.tagged'>(m, handled, 'task-events', 2);

describe('classifyMessage', () => {
  it('parses a handled type and carries its position', () => {
    const envelope = tagged('a');
    const c = classify(message('7', envelope));
    expect(c.kind).toBe('handled');
    if (c.kind !== 'handled') return;
    expect(c.item.event.id).toBe(envelope.id);
    expect(c.item.event.data.taskId).toBe('a');
    expect(c.item.meta).toEqual({ topic: 'task-events', partition: 2, offset: '7' });
  });

  it('skips a type the consumer does not handle, even one outside the contract', () => {
    const c = classify(message('1', rawEnvelope({ type: 'task.brand-new', subject: 's', userId: 'u1' })));
    expect(c).toMatchObject({ kind: 'skipped', type: 'task.brand-new' });
  });

  it.each([
    ['a null value', null, 'undecodable'],
    ['a value that is not JSON', '{nope', 'undecodable'],
    ['a handled type with an unknown version', rawEnvelope({ ...tagged('a'), version: 9 }), 'unknown-version'],
    [
      'a handled type with a payload that fails the schema',
      rawEnvelope({ ...tagged('a'), data: {} }),
      'invalid-payload',
    ],
  ] as const)('dead-letters %s', (_what, value, kind) => {
    const c = classify(message('3', value));
    expect(c.kind).toBe('dead-letter');
    if (c.kind !== 'dead-letter') return;
    expect(c.error).toBeInstanceOf(EventContractError);
    expect((c.error as EventContractError).kind).toBe(kind);
  });
});

describe('planBatchChunks', () => {
  it('cuts the batch into chunks in order, separating dead letters and dropping duplicate event ids', () => {
    const dup = tagged('a');
    const classified: Array<ClassifiedMessage<'task.tagged'>> = [
      message('0', dup),
      message('1', '{nope'),
      message('2', dup),
      message('3', rawEnvelope({ type: 'other', subject: 's', userId: 'u1' })),
      message('4', tagged('b')),
    ].map(classify);

    const chunks = planBatchChunks(classified, 3);

    expect(chunks.map((c) => c.messages.map((m) => m.message.offset))).toEqual([
      ['0', '1', '2'],
      ['3', '4'],
    ]);
    expect(chunks[0]!.deadLetters.map((d) => d.message.offset)).toEqual(['1']);
    expect(chunks[0]!.items.map((i) => i.meta.offset)).toEqual(['0']);
    expect(chunks[1]!.deadLetters).toEqual([]);
    expect(chunks[1]!.items.map((i) => i.event.data.taskId)).toEqual(['b']);
  });

  it('plans nothing for an empty batch', () => {
    expect(planBatchChunks([], 500)).toEqual([]);
  });
});
