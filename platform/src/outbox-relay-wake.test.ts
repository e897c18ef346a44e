import { describe, expect, it } from 'vitest';
import { createWakeSignal } from './outbox-relay-wake.js';

/** Milliseconds `promise` took to settle. */
async function elapsedMs(promise: Promise<void>): Promise<number> {
  const started = Date.now();
  await promise;
  return Date.now() - started;
}

describe('createWakeSignal', () => {
  it('sleeps the full interval without a signal', async () => {
    const wake = createWakeSignal(() => false);
    expect(await elapsedMs(wake.sleep(150))).toBeGreaterThanOrEqual(140);
  });

  it('a signal ends the sleep in progress', async () => {
    const wake = createWakeSignal(() => false);
    const sleeping = wake.sleep(10_000);
    setTimeout(() => wake.signal(), 20);
    expect(await elapsedMs(sleeping)).toBeLessThan(5_000);
  });

  it('a signal during a round ends the next sleep at once, only that one', async () => {
    const wake = createWakeSignal(() => false);
    wake.signal();
    expect(await elapsedMs(wake.sleep(10_000))).toBeLessThan(100);
    expect(await elapsedMs(wake.sleep(150))).toBeGreaterThanOrEqual(140);
  });

  it('clear forgets a kept signal; interrupt keeps none', async () => {
    const wake = createWakeSignal(() => false);
    wake.signal();
    wake.clear();
    expect(await elapsedMs(wake.sleep(150))).toBeGreaterThanOrEqual(140);
    wake.interrupt();
    expect(await elapsedMs(wake.sleep(150))).toBeGreaterThanOrEqual(140);
  });

  it('does not sleep once stopping, and interrupt ends a sleep for a stop', async () => {
    let stopping = false;
    const wake = createWakeSignal(() => stopping);
    const sleeping = wake.sleep(10_000);
    stopping = true;
    setTimeout(() => wake.interrupt(), 20);
    expect(await elapsedMs(sleeping)).toBeLessThan(5_000);
    expect(await elapsedMs(wake.sleep(10_000))).toBeLessThan(100);
  });
});
