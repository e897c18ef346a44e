/**
 * A TCP relay in front of the gateway, so a test can cut the browser's network: the page loads
 * the app from the relay's origin (HTTP and graphql-ws both pass through it), and `drop()` resets
 * every open connection (the browser sees an abnormal closure, as when Wi-Fi goes away) while
 * `setDown(true)` refuses new ones until `setDown(false)`.
 */
import net from 'node:net';

export interface TcpRelay {
  /** http://127.0.0.1:<relay port> */
  origin: string;
  /** Resets every open connection on both sides. */
  drop(): void;
  /** While down, new connections are reset as soon as they arrive. */
  setDown(down: boolean): void;
  /** Connections refused while down, and relayed connections, since start. */
  counts(): { refused: number; relayed: number; open: number };
  close(): Promise<void>;
}

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let down = false;
  let refused = 0;
  let relayed = 0;

  const server = net.createServer((client) => {
    if (down) {
      refused += 1;
      client.on('error', () => undefined);
      client.resetAndDestroy();
      return;
    }
    relayed += 1;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  function drop() {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    drop,
    setDown(value) {
      down = value;
    },
    counts: () => ({ refused, relayed, open: pairs.size }),
    async close() {
      drop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
