import { describe, expect, it } from 'vitest';
import { buildEvent } from '@taskwire/platform/events';
import { createReminderHub, notificationFromEvent } from './reminder-hub.js';

const event = (firingId: string, userId = 'a') =>
  buildEvent('reminder.due', {
    actor: null,
    subject: 't1',
    userId,
    data: {
      firingId,
      taskId: 't1',
      firedAt: '2026-11-28T10:00:00.000Z',
      lateMs: 0,
      reminder: {
        id: 'r1',
        taskId: 't1',
        remindAt: '2026-11-28T10:00:00.000Z',
        offsetMinutes: null,
        state: 'FIRED',
        firedAt: '2026-11-28T10:00:00.000Z',
        snoozedUntil: null,
      },
    },
  }).envelope;

describe('createReminderHub', () => {
  it("delivers a user's notifications to that user's subscriptions only", async () => {
    const hub = createReminderHub();
    const a1 = hub.subscribe('a');
    const a2 = hub.subscribe('a');
    const b = hub.subscribe('b');
    hub.publish('a', notificationFromEvent(event('f1')));
    expect((await a1.next()).value?.id).toBe('f1');
    expect((await a2.next()).value?.id).toBe('f1');
    let bGot = false;
    void b.next().then((r) => {
      bGot = !r.done;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(bGot).toBe(false);
    expect(hub.size()).toBe(3);
  });

  it('return() unregisters at once and ends a pending next()', async () => {
    const hub = createReminderHub();
    const s = hub.subscribe('a');
    const pending = s.next();
    await s.return!();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(hub.size()).toBe(0);
    hub.publish('a', notificationFromEvent(event('f2')));
    expect(await s.next()).toEqual({ value: undefined, done: true });
  });

  it('keeps at most maxQueued undelivered notifications, dropping the oldest', async () => {
    let drops = 0;
    const hub = createReminderHub({ onDrop: () => drops++ });
    const s = hub.subscribe('a', { maxQueued: 2 });
    for (const id of ['f1', 'f2', 'f3']) hub.publish('a', notificationFromEvent(event(id)));
    expect(drops).toBe(1);
    expect((await s.next()).value?.id).toBe('f2');
    expect((await s.next()).value?.id).toBe('f3');
  });

  it('maps reminder.due data to the notification the resolvers read', () => {
    const n = notificationFromEvent(event('f9', 'u1'));
    expect(n).toMatchObject({ id: 'f9', firedAt: '2026-11-28T10:00:00.000Z', task: { id: 't1' } });
    expect(n.reminder).toMatchObject({ id: 'r1', user_id: 'u1', task_id: 't1', state: 'FIRED' });
    expect(n.reminder.remind_at).toBeInstanceOf(Date);
  });
});
