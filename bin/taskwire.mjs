#!/usr/bin/env node
// The image's entry point: one argument selects the process to run (dev/src/services.ts).
//
//   node bin/taskwire.mjs <service>            run a service (e.g. gateway, accounts, notifier)
//   node bin/taskwire.mjs migrate <subgraph>   run subgraphs/<subgraph>/src/migrate.ts (its schema only)
//   node bin/taskwire.mjs web                  serve the web app build (web/dist) on $PORT, with
//                                              SPA fallback, /healthz, /readyz and /metrics
//   node bin/taskwire.mjs list                 print the registry, one "name kind port" a line
//   node bin/taskwire.mjs check [--serve]      check the runtime (tsx, registry, entry files); with
//                                              --serve, also answer /healthz, /readyz, /metrics on
//                                              $PORT until SIGTERM (an image smoke check)
//
// The entry module runs in this process (no child), so SIGTERM from the kubelet reaches the
// service's own shutdown handler; tini (PID 1) forwards it and reaps zombies.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { services } = await import(pathToFileURL(join(root, 'dev/src/services.ts')).href);

function usage(message) {
  if (message) console.error(`taskwire: ${message}`);
  console.error(
    `usage: taskwire <${services.map((s) => s.name).join('|')}> | web | migrate <subgraph> | list | check [--serve]`,
  );
  process.exit(2);
}

const migrationEntry = (s) => `subgraphs/${s.name}/src/migrate.ts`;

async function run(entry) {
  const file = join(root, entry);
  if (!existsSync(file)) {
    console.error(`taskwire: ${entry} does not exist in this build`);
    process.exit(1);
  }
  await import(pathToFileURL(file).href);
}

function check(serve) {
  const report = services.map((s) => ({
    name: s.name,
    kind: s.kind,
    entry: s.entry,
    present: existsSync(join(root, s.entry)),
    ...(s.kind === 'subgraph' ? { migrate: existsSync(join(root, migrationEntry(s))) } : {}),
  }));
  const webBuilt = existsSync(join(root, 'web/dist/index.html'));
  console.log(JSON.stringify({ runtime: `node ${process.version}`, tsx: true, webBuilt, services: report }));
  if (!serve) return;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/readyz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', mode: 'check' }));
    } else if (path === '/metrics') {
      res
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end('# TYPE taskwire_check_up gauge\ntaskwire_check_up 1\n');
    } else {
      res.writeHead(404).end();
    }
  });
  server.listen(Number(process.env.PORT ?? 8080), () =>
    console.log(`taskwire check listening on ${server.address().port}`),
  );
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The web app's static files. The gateway serves the same build at / on a single-origin setup. */
function web() {
  const dist = join(root, 'web/dist');
  let ready = existsSync(join(dist, 'index.html'));
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (path === '/healthz') return res.writeHead(200).end('ok');
    if (path === '/readyz') return res.writeHead(ready ? 200 : 503).end(ready ? 'ok' : 'web/dist/index.html missing');
    if (path === '/metrics')
      return res
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4' })
        .end(`taskwire_web_ready ${ready ? 1 : 0}\n`);
    let file = join(dist, path);
    if (!file.startsWith(dist + '/') || !existsSync(file) || !statSync(file).isFile()) file = join(dist, 'index.html');
    if (!existsSync(file)) return res.writeHead(404).end();
    const ext = file.slice(file.lastIndexOf('.'));
    const immutable = file.includes('/assets/');
    res.writeHead(200, {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(readFileSync(file));
  });
  server.listen(Number(process.env.PORT ?? 8080), () =>
    console.log(`taskwire web listening on ${server.address().port}`),
  );
  const stop = () => {
    ready = false;
    server.close(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const [command, arg] = process.argv.slice(2);
if (!command) usage();
else if (command === 'list') for (const s of services) console.log(`${s.name} ${s.kind} ${s.port}`);
else if (command === 'check') check(arg === '--serve');
else if (command === 'web') web();
else if (command === 'migrate') {
  const s = services.find((x) => x.name === arg && x.kind === 'subgraph');
  if (!s) usage(`migrate needs a subgraph name, got ${arg ?? 'nothing'}`);
  await run(migrationEntry(s));
} else {
  const s = services.find((x) => x.name === command);
  if (!s) usage(`unknown service ${command}`);
  process.env.PORT ??= String(s.port);
  process.env.OTEL_SERVICE_NAME ??= s.name; // its spans' service (platform/src/tracing.ts)
  await run(s.entry);
}
