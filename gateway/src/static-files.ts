import { createReadStream, promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

async function fileAt(root: string, relative: string): Promise<string | null> {
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return null;
  try {
    const stat = await fs.stat(resolved);
    return stat.isFile() ? resolved : null;
  } catch {
    return null;
  }
}

function send(req: http.IncomingMessage, res: http.ServerResponse, file: string, immutable: boolean): void {
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/**
 * Serves a built single-page app from `root` under `mount` (e.g. "/" or "/playground"):
 * files as they are (hashed assets cached for a year), any other path without an extension
 * falls back to index.html. Returns false when `root` has no index.html (not built).
 */
export async function serveSpa(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { root, mount, pathname }: { root: string; mount: string; pathname: string },
): Promise<boolean> {
  const relative = decodedPath(pathname.slice(mount.length).replace(/^\/+/, ''));
  if (relative === null) {
    // A client's malformed percent-encoding (e.g. `%E0%A4%A`), not a server fault.
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('bad request: the path is not valid percent-encoded UTF-8');
    return true;
  }
  const index = await fileAt(root, 'index.html');
  if (!index) return false;
  if (relative) {
    const file = await fileAt(root, relative);
    if (file) {
      send(req, res, file, relative.startsWith('assets/'));
      return true;
    }
    if (path.extname(relative)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return true;
    }
  }
  send(req, res, index, false);
  return true;
}

function decodedPath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

export function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-cache',
  });
  res.end(html);
}

/** Shown at `/` until the web app is built (web/dist). */
export const placeholderPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Taskwire</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}</style></head>
<body><h1>Taskwire</h1>
<p>The web app is not built yet (<code>npm run build -w web</code> writes <code>web/dist</code>, which is served here).</p>
<ul><li>GraphQL API and graphql-ws: <code>/graphql</code></li><li><a href="/playground">GraphiQL playground</a></li>
<li><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> (metrics: <code>/metrics</code> on the ops port)</li></ul>
</body></html>`;

export const playgroundMissingPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Playground not built</title></head>
<body style="font:16px system-ui,sans-serif;margin:4rem"><h1>GraphiQL is not built</h1>
<p>Run <code>npm run build -w gateway</code> (writes <code>gateway/playground/dist</code>) and reload.</p></body></html>`;
