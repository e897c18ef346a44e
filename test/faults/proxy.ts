/**
 * A TCP proxy the fault suite controls: every connection of the services to PostgreSQL or to
 * Kafka goes through one, so a scenario can cut the network (reset every connection and refuse
 * new ones), black-hole it (accept, then hold every byte either way until restored, as a dead
 * route does while TCP retransmits) or make it slow (added latency per chunk, both directions),
 * and restore it. `stallOpenConnections` models a half-open connection: the connections open now
 * carry no byte any more, either way, while new ones work.
 */
import net from 'node:net';

export type ProxyMode = { kind: 'pass' } | { kind: 'latency'; ms: number } | { kind: 'reset' } | { kind: 'blackhole' };

export interface TcpProxy {
  /** Port the proxy listens on (127.0.0.1). */
  port: number;
  /** Switches the behaviour for existing and new connections. */
  set(mode: ProxyMode): void;
  /** Every connection open now carries nothing more (bytes are dropped); new connections are not affected. */
  stallOpenConnections(): void;
  mode(): ProxyMode;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  stalled: boolean;
}

/** Listens on `listenPort` (0: any free one) and forwards to 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number, listenPort = 0): Promise<TcpProxy> {
  let mode: ProxyMode = { kind: 'pass' };
  const pairs = new Set<Pair>();
  // A black hole holds every byte (as a dead route does: TCP keeps retransmitting) until restored.
  let openGate: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();

  /** Forwards `from` → `to` under the current mode (latency keeps the chunk order). */
  const pipe = (pair: Pair, from: net.Socket, to: net.Socket) => {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      if (pair.stalled) return;
      if (mode.kind === 'blackhole') {
        const held = gate;
        chain = chain
          .then(() => held)
          .then(() => {
            if (!to.destroyed) to.write(chunk);
          });
        return;
      }
      if (mode.kind === 'latency') {
        const ms = mode.ms;
        from.pause();
        chain = chain
          .then(() => new Promise<void>((r) => setTimeout(r, ms)))
          .then(() => {
            if (!to.destroyed) to.write(chunk);
            from.resume();
          });
        return;
      }
      chain = chain.then(() => {
        if (!to.destroyed) to.write(chunk);
      });
    });
  };

  const server = net.createServer((client) => {
    if (mode.kind === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    const pair: Pair = { client, upstream, stalled: false };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      if (!client.destroyed) client.destroy();
      if (!upstream.destroyed) upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    pipe(pair, client, upstream);
    pipe(pair, upstream, client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    set(next) {
      if (next.kind === 'blackhole' && mode.kind !== 'blackhole') {
        gate = new Promise<void>((resolve) => (openGate = resolve));
      }
      if (next.kind !== 'blackhole') openGate();
      mode = next;
      if (next.kind === 'reset') {
        for (const p of pairs) {
          p.client.resetAndDestroy();
          p.upstream.resetAndDestroy();
        }
        pairs.clear();
      }
    },
    stallOpenConnections() {
      for (const p of pairs) p.stalled = true;
    },
    mode: () => mode,
    close: async () => {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
