import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemberNamesStore, personName, unknownMemberName, type MemberNames } from './member-names';

const me = { id: 'u1', name: 'Erika' };

describe('member names', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the user by their own name, a member by theirs, and a fallback when it is unknown', () => {
    const names: MemberNames = new Map([['u2', 'Ben']]);
    expect(personName('u1', { me, names })).toBe('Erika');
    expect(personName('u2', { me, names })).toBe('Ben');
    expect(personName('u3', { me, names })).toBe(unknownMemberName);
  });

  it('loads a project once, tells listeners, and keeps what it had when a load fails', async () => {
    const load = vi
      .fn<(projectId: string) => Promise<MemberNames | null>>()
      .mockResolvedValueOnce(new Map([['u2', 'Ben']]))
      .mockRejectedValueOnce(new Error('offline'));
    const store = createMemberNamesStore(load, { retryAfterMs: 0 });
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.names('p1').size).toBe(0);
    store.want('p1');
    store.want('p1');
    await vi.waitFor(() => expect(store.names('p1').get('u2')).toBe('Ben'));
    expect(load).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledTimes(1);
    const snapshot = store.names('p1');
    expect(store.names('p1')).toBe(snapshot); // stable between changes (useSyncExternalStore)

    store.refresh('p1');
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(2));
    expect(store.names('p1').get('u2')).toBe('Ben');
  });

  it('loads again while a wanted member is missing, a few times, further apart each time', async () => {
    vi.useFakeTimers({ now: 0 });
    const answers: MemberNames[] = [new Map([['u2', 'Ben']]), new Map([['u2', 'Ben']])];
    const load = vi.fn(async () => answers.shift() ?? new Map<string, string>([['u3', 'Cleo']]));
    const store = createMemberNamesStore(load, { retryAfterMs: 1_000, maxRetries: 2 });
    store.want('p1', ['u2']);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    store.want('p1', ['u2']); // all there: nothing to do
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(1);

    // u3 joined: the names are read again 1 s after the last load, then 2 s after that.
    vi.setSystemTime(20_000);
    store.want('p1', ['u2', 'u3']);
    store.want('p1', ['u2', 'u3']);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2); // the last load was long ago
    await vi.advanceTimersByTimeAsync(1_999);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(load).toHaveBeenCalledTimes(3);
    expect(store.names('p1').get('u3')).toBe('Cleo');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(3);
    store.dispose();
  });

  it('keeps retrying for a member one caller wants while another caller wants only known ones', async () => {
    vi.useFakeTimers({ now: 0 });
    const load = vi.fn(async () => new Map<string, string>([['u2', 'Ben']]));
    const store = createMemberNamesStore(load, { retryAfterMs: 1_000, maxRetries: 1 });
    store.want('p1', ['u3']); // e.g. a task assigned to someone whose name is not readable yet
    store.want('p1', ['u2']); // another task's assignee
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(load).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(2);
    store.dispose();
  });

  it('gives up after its retries while a name stays unreadable, until other members are wanted', async () => {
    vi.useFakeTimers({ now: 0 });
    const load = vi.fn(async () => new Map<string, string>([['u2', 'Ben']]));
    const store = createMemberNamesStore(load, { retryAfterMs: 1_000, maxRetries: 3 });
    store.want('p1', ['u2', 'u3']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(4); // the first load and three retries (1, 2, 4 s)
    store.want('p1', ['u2', 'u3']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(4);
    store.want('p1', ['u2', 'u3', 'u4']);
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(5);
    store.dispose();
  });
});
