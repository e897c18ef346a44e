import { describe, expect, it } from 'vitest';
import { createBoundedQueue } from './bounded-queue.js';

describe('createBoundedQueue', () => {
  it('hands values to a waiting reader at once and queues the rest in order', async () => {
    const q = createBoundedQueue<number>({ maxQueued: 10 });
    const first = q.iterator.next();
    q.push(1);
    q.push(2);
    q.push(3);
    expect(await first).toEqual({ value: 1, done: false });
    expect(await q.iterator.next()).toEqual({ value: 2, done: false });
    expect(await q.iterator.next()).toEqual({ value: 3, done: false });
    expect(q.size()).toBe(0);
  });

  it('drops the oldest value when full and counts each drop', async () => {
    let drops = 0;
    const q = createBoundedQueue<number>({ maxQueued: 3, onDrop: () => drops++ });
    for (let i = 1; i <= 7; i++) q.push(i);
    expect(drops).toBe(4);
    expect(q.size()).toBe(3);
    const got = [];
    for (let i = 0; i < 3; i++) got.push((await q.iterator.next()).value);
    expect(got).toEqual([5, 6, 7]);
  });

  it('return() ends a pending next() at once and runs onClose once with "client"', async () => {
    const reasons: string[] = [];
    const q = createBoundedQueue<number>({ maxQueued: 3, onClose: (r) => reasons.push(r) });
    const pending = q.iterator.next();
    await q.iterator.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    await q.iterator.return!();
    q.end('shutdown');
    q.push(1);
    expect(reasons).toEqual(['client']);
    expect(await q.iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('end() delivers what is queued and the last value, then finishes', async () => {
    const reasons: string[] = [];
    const q = createBoundedQueue<string>({ maxQueued: 5, onClose: (r) => reasons.push(r) });
    q.push('a');
    q.end('upstream_error', 'error');
    q.push('late');
    expect(reasons).toEqual(['upstream_error']);
    expect(await q.iterator.next()).toEqual({ value: 'a', done: false });
    expect(await q.iterator.next()).toEqual({ value: 'error', done: false });
    expect(await q.iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('end() wakes a waiting reader', async () => {
    const q = createBoundedQueue<string>({ maxQueued: 5 });
    const pending = q.iterator.next();
    q.end('shutdown');
    expect(await pending).toEqual({ value: undefined, done: true });
  });

  it('for await stops as soon as the consumer breaks, without waiting for another value', async () => {
    let closed = 0;
    const q = createBoundedQueue<number>({ maxQueued: 5, onClose: () => closed++ });
    q.push(1);
    for await (const v of q.iterator) {
      expect(v).toBe(1);
      break;
    }
    expect(closed).toBe(1);
  });
});
