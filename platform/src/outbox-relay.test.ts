import { describe, expect, it } from 'vitest';
import { eventHeaders, relayLockName, toTopicMessages } from './outbox-relay.js';

describe('toTopicMessages', () => {
  it('groups rows by topic keeping id order, with key, value and event headers', () => {
    const row = (id: string, topic: string, key: string) => ({
      id,
      event_id: `e${id}`,
      topic,
      key,
      type: 'task.updated',
      envelope: `{"n":${id}}`,
    });
    const grouped = toTopicMessages([
      row('1', 'a', 'k1'),
      row('2', 'b', 'k1'),
      row('3', 'a', 'k2'),
      row('4', 'a', 'k1'),
    ]);
    expect(grouped.map((g) => g.topic)).toEqual(['a', 'b']);
    expect(grouped[0]!.messages.map((m) => m.value)).toEqual(['{"n":1}', '{"n":3}', '{"n":4}']);
    expect(grouped[0]!.messages[0]).toEqual({
      key: 'k1',
      value: '{"n":1}',
      headers: { [eventHeaders.type]: 'task.updated', [eventHeaders.id]: 'e1' },
    });
  });
});

describe('relayLockName', () => {
  it('is distinct per schema', () => {
    expect(relayLockName('tasks')).not.toBe(relayLockName('planning'));
  });
});
