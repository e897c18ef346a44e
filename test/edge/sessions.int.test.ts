/**
 * Sessions through the gateway (issue 17): the browser's refresh token lives in an HttpOnly,
 * SameSite=Strict cookie that the gateway sets from accounts' answer and relays back; API
 * clients get it in the answer, and the SDK renews by itself. docs/sessions.md.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAccessToken } from '@taskwire/platform/auth';
import { createTaskwireClient, type TaskwireError } from '@taskwire/sdk';
import { startStack, type Stack } from '../stack.js';
import { testKeys } from '../support.js';

let stack: Stack;

beforeAll(async () => {
  // One trusted proxy (as in the k8s overlays): its X-Forwarded-Proto decides `Secure`.
  // Without a grace window a replayed refresh token revokes at once.
  stack = await startStack({ env: { TRUSTED_PROXY_HOPS: '1', REFRESH_REUSE_GRACE_SECONDS: '0' } });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

const password = 'Tr0ub4dor&3-long';
const auth = 'token expiresAt refreshToken user { id email }';

interface Answer {
  status: number;
  setCookie: string | null;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function post(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    setCookie: response.headers.get('set-cookie'),
    body: (await response.json()) as Answer['body'],
  };
}

const cookieValue = (setCookie: string | null) => /^taskwire_refresh=([^;]*)/.exec(setCookie ?? '')?.[1] ?? null;
const asBrowser = { 'x-refresh-token-delivery': 'cookie', 'user-agent': 'Browser/1.0' };

async function signUpAsBrowser(extra: Record<string, string> = {}) {
  const email = `cookie-${randomUUID()}@example.com`;
  const answer = await post(
    `mutation($input: SignUpInput!) { signUp(input: $input) { ${auth} } }`,
    { input: { email, password, name: 'Cookie' } },
    { ...asBrowser, ...extra },
  );
  expect(answer.body.errors).toBeUndefined();
  return { email, answer };
}

describe('the refresh cookie', () => {
  it('is set HttpOnly and SameSite=Strict on the API path, and the answer carries no refresh token', async () => {
    const { answer } = await signUpAsBrowser();
    expect(answer.body.data.signUp.refreshToken).toBeNull();
    expect(answer.setCookie).toMatch(
      /^taskwire_refresh=[A-Za-z0-9_-]{43}; Path=\/graphql; Max-Age=\d+; HttpOnly; SameSite=Strict$/,
    );
    expect(answer.setCookie).not.toContain('Secure');
  });

  it('is Secure when a trusted TLS-terminating proxy says the client used HTTPS', async () => {
    const { answer } = await signUpAsBrowser({ 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.7' });
    expect(answer.setCookie).toMatch(/; Secure$/);
  });

  it('rotates on refreshSession without an argument; a replayed old cookie revokes the family and clears it', async () => {
    const { answer } = await signUpAsBrowser();
    const first = cookieValue(answer.setCookie)!;
    const refresh = `mutation { refreshSession { ${auth} } }`;
    const renewed = await post(refresh, {}, { cookie: `taskwire_refresh=${first}`, 'user-agent': 'Browser/2.0' });
    expect(renewed.body.errors).toBeUndefined();
    expect(renewed.body.data.refreshSession.refreshToken).toBeNull();
    const second = cookieValue(renewed.setCookie)!;
    expect(second).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    // The renewed access token works, and `sessions` shows the browser's User-Agent.
    const listed = await post(
      `{ sessions { userAgent current } }`,
      {},
      {
        authorization: `Bearer ${renewed.body.data.refreshSession.token}`,
      },
    );
    // The User-Agent of the client that last used the session.
    expect(listed.body.data.sessions).toEqual([{ userAgent: 'Browser/2.0', current: true }]);

    const replay = await post(refresh, {}, { cookie: `taskwire_refresh=${first}` });
    expect(replay.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(replay.setCookie).toMatch(/^taskwire_refresh=; Path=\/graphql; Max-Age=0; HttpOnly; SameSite=Strict/);
    const owner = await post(refresh, {}, { cookie: `taskwire_refresh=${second}` });
    expect(owner.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('signOut with the cookie alone ends the session and clears the cookie', async () => {
    const { answer } = await signUpAsBrowser();
    const cookie = `taskwire_refresh=${cookieValue(answer.setCookie)}`;
    const out = await post(`mutation { signOut }`, {}, { cookie });
    expect(out.body.data.signOut).toBe(true);
    expect(out.setCookie).toMatch(/Max-Age=0/);
    const after = await post(`mutation { refreshSession { token } }`, {}, { cookie });
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives API clients the refresh token in the answer and sets no cookie', async () => {
    const email = `api-${randomUUID()}@example.com`;
    const up = await post(`mutation($input: SignUpInput!) { signUp(input: $input) { ${auth} } }`, {
      input: { email, password, name: 'Api' },
    });
    expect(up.setCookie).toBeNull();
    const refreshToken = up.body.data.signUp.refreshToken as string;
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const renewed = await post(`mutation($t: String) { refreshSession(refreshToken: $t) { ${auth} } }`, {
      t: refreshToken,
    });
    expect(renewed.setCookie).toBeNull();
    expect(renewed.body.data.refreshSession.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the SDK against the stack', () => {
  it('renews an expired access token with its refresh token and hands the new one over', async () => {
    const anonymous = createTaskwireClient({ url: stack.gatewayUrl });
    const email = `sdk-${randomUUID()}@example.com`;
    const up = await anonymous.signUp({ email, password, name: 'Sdk' });
    const { keys } = await testKeys();
    // An access token of this user that expired a minute ago.
    const expired = await signAccessToken(keys, up.user.id, { ttlSeconds: 30, now: new Date(Date.now() - 90_000) });
    const handed: Array<string | null> = [];
    const client = createTaskwireClient({
      url: stack.gatewayUrl,
      token: expired,
      refreshToken: up.refreshToken,
      onRefreshToken: (t) => handed.push(t),
    });
    const [a, b] = await Promise.all([client.me(), client.me()]);
    expect(a?.email).toBe(email);
    expect(b?.email).toBe(email);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(client.token).not.toBe(expired);

    // The spent refresh token, replayed by someone else, revokes the session; the SDK then
    // reports that renewal ended.
    await expect(anonymous.refreshSession({ refreshToken: up.refreshToken })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    } satisfies Partial<TaskwireError>);
    client.setToken(expired);
    await expect(client.me()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(handed.at(-1)).toBeNull();
    await Promise.all([anonymous.dispose(), client.dispose()]);
  });
});
