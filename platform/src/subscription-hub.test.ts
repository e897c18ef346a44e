import { describe, expect, it } from 'vitest';
import { checkSubscriptionCap, createSubscriptionHub } from './subscription-hub.js';

const pending = async <T>(iterator: AsyncIterableIterator<T>) => {
  let got = false;
  void iterator.next().then(() => {
    got = true;
  });
  await new Promise((r) => setTimeout(r, 10));
  return !got;
};

describe('createSubscriptionHub', () => {
  it("delivers to the user's subscriptions that accept the value, and forgets one at return()", async () => {
    const hub = createSubscriptionHub<{ project: string }>();
    const all = hub.subscribe('a');
    const onlyP1 = hub.subscribe('a', { accept: (v) => v.project === 'p1' });
    const other = hub.subscribe('b');
    expect(hub.has('a')).toBe(true);
    expect(hub.sizeOf('a')).toBe(2);
    hub.publish('a', { project: 'p2' });
    expect((await all.next()).value).toEqual({ project: 'p2' });
    expect(await pending(onlyP1)).toBe(true);
    hub.publish('a', { project: 'p1' });
    expect(await pending(other)).toBe(true);
    await all.return!();
    expect(hub.sizeOf('a')).toBe(1);
    hub.closeAll();
    expect(hub.size()).toBe(0);
    expect(hub.has('a')).toBe(false);
  });

  it('checkSubscriptionCap refuses the subscription past the cap with TOO_MANY_REQUESTS', () => {
    const hub = createSubscriptionHub<number>();
    hub.subscribe('a');
    expect(() => checkSubscriptionCap(hub, 'a', 2, 'things')).not.toThrow();
    hub.subscribe('a');
    expect(() => checkSubscriptionCap(hub, 'a', 2, 'things')).toThrow(
      expect.objectContaining({ extensions: { code: 'TOO_MANY_REQUESTS' } }),
    );
    expect(() => checkSubscriptionCap(hub, 'b', 2, 'things')).not.toThrow();
  });
});
