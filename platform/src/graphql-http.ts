import type http from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextThunk } from '@apollo/server';
import { BodyTooLargeError, readBody, sendJson } from './http.js';

/** A GraphQL request as it arrived: method, the URL's query string (`?…`) and the parsed JSON body. */
export interface GraphQLHttpRequest {
  method: string;
  search: string;
  body: unknown;
}

/** A refusal before Apollo Server: the HTTP status and the one GraphQL error of the body. */
export interface GraphQLHttpRefusal {
  status: number;
  message: string;
  extensions: Record<string, unknown>;
}

/**
 * Runs one HTTP request through Apollo Server 5 (which ships no Node middleware) so that
 * GraphQL, graphql-ws and the ops routes can share one `node:http` server.
 */
export async function handleGraphQLRequest<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  context: ContextThunk<TContext>,
  {
    maxBodyBytes = 1_000_000,
    rewrite,
  }: {
    maxBodyBytes?: number;
    /**
     * Replaces the request before Apollo Server sees it (the gateway resolves trusted document
     * ids here), or refuses it with a status and a coded GraphQL error.
     */
    rewrite?: (request: GraphQLHttpRequest) => GraphQLHttpRequest | { refusal: GraphQLHttpRefusal };
  } = {},
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
  const raw: GraphQLHttpRequest = { method: req.method ?? 'GET', search: url.search, body };
  const request = rewrite ? rewrite(raw) : raw;
  if ('refusal' in request) {
    const { status, message, extensions } = request.refusal;
    sendJson(res, status, { errors: [{ message, extensions }] });
    return;
  }
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method, headers, search: request.search, body: request.body },
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
