import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTaskwireClient, isTaskwireError, operations, TaskwireError } from './index.js';

// The HTTP half of the client against a scripted fetch: what it sends, what it returns, and
// how every kind of failure surfaces as a TaskwireError.
interface Sent {
  url: string;
  headers: Record<string, string>;
  body: {
    query?: string;
    operationName: string;
    variables: Record<string, unknown>;
    extensions?: { persistedQuery?: { version: number; sha256Hash: string } };
  };
}

function scriptedFetch(respond: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    if (typeof init?.body !== 'string') throw new Error('the SDK posts its request as a JSON string');
    const request: Sent = {
      url: url instanceof Request ? url.url : url.toString(),
      headers: init.headers as Record<string, string>,
      body: JSON.parse(init.body) as Sent['body'],
    };
    sent.push(request);
    return respond(request);
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const url = 'http://127.0.0.1:4000/graphql';

describe('createTaskwireClient (HTTP)', () => {
  it('sends an input-only operation with the input as `input` and returns the root field', async () => {
    const { fetch, sent } = scriptedFetch(() =>
      json({ data: { signUp: { token: 't1', user: { id: 'u1', email: 'a@b.c', name: 'A', timeZone: 'UTC' } } } }),
    );
    const client = createTaskwireClient({ url, fetch });
    const auth = await client.signUp({ email: 'a@b.c', password: 'pw-0123456789', name: 'A' });
    expect(auth.token).toBe('t1');
    expect(auth.user.id).toBe('u1');
    expect(sent[0]?.url).toBe(url);
    expect(sent[0]?.body.operationName).toBe('SignUp');
    expect(sent[0]?.body.variables).toEqual({ input: { email: 'a@b.c', password: 'pw-0123456789', name: 'A' } });
    // By id: the SHA-256 of the document (schema/trusted-documents.json), not its text.
    expect(sent[0]?.body.query).toBeUndefined();
    expect(sent[0]?.body.extensions?.persistedQuery?.sha256Hash).toBe(
      createHash('sha256').update(operations.signUp.source).digest('hex'),
    );
    expect(operations.signUp.source).toContain('signUp(input: $input)');
    expect(sent[0]?.headers.authorization).toBeUndefined();
  });

  it('passes variables objects through, and sends the token set with setToken', async () => {
    const { fetch, sent } = scriptedFetch(() =>
      json({ data: { tasks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 } } }),
    );
    const client = createTaskwireClient({ url, fetch, token: 'first' });
    await client.tasks({ filter: { overdue: true }, first: 10 });
    client.setToken('second');
    const page = await client.tasks();
    expect(page.totalCount).toBe(0);
    expect(sent.map((s) => s.headers.authorization)).toEqual(['Bearer first', 'Bearer second']);
    expect(sent[0]?.body.variables).toEqual({ filter: { overdue: true }, first: 10 });
    expect(sent[1]?.body.variables).toEqual({});
    expect(client.token).toBe('second');
    client.setToken(null);
    await client.tasks();
    expect(sent[2]?.headers.authorization).toBeUndefined();
  });

  it('surfaces GraphQL errors as TaskwireError with code, field and path', async () => {
    const { fetch } = scriptedFetch(() =>
      json({
        data: null,
        errors: [
          {
            message: 'input.title: expected 1 to 200 characters, got 0',
            path: ['createTask'],
            extensions: { code: 'BAD_USER_INPUT', field: 'input.title' },
          },
        ],
      }),
    );
    const client = createTaskwireClient({ url, fetch });
    const error = await client.createTask({ title: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskwireError);
    expect(isTaskwireError(error, 'BAD_USER_INPUT')).toBe(true);
    const e = error as TaskwireError;
    expect(e.code).toBe('BAD_USER_INPUT');
    expect(e.field).toBe('input.title');
    expect(e.path).toEqual(['createTask']);
    expect(e.operation).toBe('createTask');
    expect(e.errors).toHaveLength(1);
    expect(e.message).toContain('input.title: expected 1 to 200 characters');
  });

  it('reports errors of a 4xx GraphQL response (e.g. validation) with their code', async () => {
    const { fetch } = scriptedFetch(() =>
      json({ errors: [{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400),
    );
    const error = (await createTaskwireClient({ url, fetch })
      .me()
      .catch((e: unknown) => e)) as TaskwireError;
    expect(error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(error.status).toBe(400);
  });

  it('reports a refused connection as NETWORK_ERROR with the cause', async () => {
    const cause = new TypeError('fetch failed');
    const fetch = (async () => {
      throw cause;
    }) as typeof globalThis.fetch;
    const error = (await createTaskwireClient({ url, fetch, retries: 0 })
      .tags()
      .catch((e: unknown) => e)) as TaskwireError;
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.cause).toBe(cause);
    expect(error.message).toContain(url);
  });

  it('reports a non-GraphQL response as HTTP_ERROR with the status', async () => {
    const { fetch } = scriptedFetch(() => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const error = (await createTaskwireClient({ url, fetch, retries: 0 })
      .tags()
      .catch((e: unknown) => e)) as TaskwireError;
    expect(error.code).toBe('HTTP_ERROR');
    expect(error.status).toBe(502);
    expect(error.message).toContain('Bad Gateway');
  });

  it('reports a response without the root field as BAD_RESPONSE', async () => {
    const { fetch } = scriptedFetch(() => json({ data: {} }));
    const error = (await createTaskwireClient({ url, fetch })
      .tags()
      .catch((e: unknown) => e)) as TaskwireError;
    expect(error.code).toBe('BAD_RESPONSE');
  });

  it('returns null root fields as they are (me without a token)', async () => {
    const { fetch } = scriptedFetch(() => json({ data: { me: null } }));
    expect(await createTaskwireClient({ url, fetch }).me()).toBeNull();
  });
});
