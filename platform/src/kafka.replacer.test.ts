import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createKafkaClientReplacer } from './kafka.js';

/** A logger that keeps what it logs (level name, message and fields). */
function recordingLogger() {
  const lines: Array<{ level: string; msg: string; attempt?: number; apiName?: string; err?: { message: string } }> =
    [];
  const logger = pino(
    { level: 'debug', formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { logger, lines };
}

/** A promise and the function that resolves it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const message = 'test feed: a Kafka request timed out; replacing its consumer';

describe('createKafkaClientReplacer', () => {
  it('runs one replacement at a time: a second timeout while one is in flight joins it', async () => {
    const { logger, lines } = recordingLogger();
    const onReplace = vi.fn();
    const replacer = createKafkaClientReplacer({ logger, message, isActive: () => true, onReplace });
    const started = gate();
    const first = { stopOld: vi.fn(async () => undefined), startNew: vi.fn(() => started.opened) };
    const second = { stopOld: vi.fn(async () => undefined), startNew: vi.fn(async () => undefined) };

    const a = replacer.replace('Fetch', first);
    const b = replacer.replace('Heartbeat', second);
    expect(b).toBe(a);
    await vi.waitFor(() => expect(first.startNew).toHaveBeenCalledTimes(1));
    started.open();
    await a;
    await replacer.settled();

    expect(first.stopOld).toHaveBeenCalledTimes(1);
    expect(second.stopOld).not.toHaveBeenCalled();
    expect(second.startNew).not.toHaveBeenCalled();
    expect(onReplace).toHaveBeenCalledTimes(1);
    expect(onReplace).toHaveBeenCalledWith('Fetch');
    expect(lines.filter((l) => l.msg === message)).toEqual([
      expect.objectContaining({ level: 'warn', apiName: 'Fetch' }),
    ]);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', msg: 'Kafka client replaced', attempt: 1 }));

    // Once it has ended, the next timeout starts a replacement of its own.
    await replacer.replace('Fetch', second);
    expect(second.startNew).toHaveBeenCalledTimes(1);
    expect(onReplace).toHaveBeenCalledTimes(2);
  });

  it('does nothing once the owner is inactive', async () => {
    const { logger, lines } = recordingLogger();
    const onReplace = vi.fn();
    const replacer = createKafkaClientReplacer({ logger, message, isActive: () => false, onReplace });
    const client = { stopOld: vi.fn(async () => undefined), startNew: vi.fn(async () => undefined) };

    await replacer.replace('Fetch', client);
    await replacer.settled();

    expect(client.stopOld).not.toHaveBeenCalled();
    expect(client.startNew).not.toHaveBeenCalled();
    expect(onReplace).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
  });

  it('stops retrying a failing start once the owner turns inactive', async () => {
    const { logger } = recordingLogger();
    let active = true;
    const replacer = createKafkaClientReplacer({ logger, message, isActive: () => active });
    const client = {
      stopOld: vi.fn(async () => undefined),
      startNew: vi.fn(async () => {
        active = false; // the owner stops while this attempt runs
        throw new Error('brokers unreachable');
      }),
    };

    await replacer.replace('Fetch', client);
    expect(client.startNew).toHaveBeenCalledTimes(1);
    await replacer.replace('Fetch', client);
    expect(client.stopOld).toHaveBeenCalledTimes(1);
  });

  it('logs a failed start and retries it with backoff until a new client runs; the replacement does not reject', async () => {
    const { logger, lines } = recordingLogger();
    const replacer = createKafkaClientReplacer({ logger, message, isActive: () => true });
    const failure = new Error('brokers unreachable');
    const client = {
      stopOld: vi.fn(async () => {
        throw new Error('old client would not stop');
      }),
      startNew: vi.fn(async (attempt: number) => {
        if (attempt === 1) throw failure;
      }),
    };

    await expect(replacer.replace('Fetch', client)).resolves.toBeUndefined();

    expect(client.startNew.mock.calls).toEqual([[1], [2]]);
    expect(lines.map((l) => [l.level, l.msg, l.attempt])).toEqual([
      ['warn', message, undefined],
      ['warn', 'replacement Kafka client failed to start; retrying', 1],
      ['info', 'Kafka client replaced', 2],
    ]);
    expect(lines[1]?.err?.message).toBe('brokers unreachable');
  });
});
