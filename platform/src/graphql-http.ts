import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextThunk } from '@apollo/server';
import { BodyTooLargeError, readBody, sendJson } from './http.js';

/**
 * Runs one HTTP request through Apollo Server 5 (which ships no Node middleware) so that
 * GraphQL, graphql-ws and the ops routes can share one `node:http` server.
 */
export async function handleGraphQLRequest<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: ContextThunk<TContext>,
  { maxBodyBytes = 1_000_000 }: { maxBodyBytes?: number } = {},
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    let raw: string;
    try {
      raw = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        sendJson(res, 413, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      throw error;
    }
    try {
      body = raw.length > 0 ? JSON.parse(raw) : undefined;
    } catch {
      sendJson(res, 400, {
        errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context,
  });
  // Vary is added to (the gateway's CORS varies by Origin), never replaced.
  for (const [key, value] of result.headers)
    if (key === 'vary' && res.hasHeader('vary')) res.appendHeader('vary', value);
    else res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}
