import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { parseConfig } from '@taskwire/platform/config';
import { clientAddressHeader, clientUserAgentHeader } from '@taskwire/platform/gateway-secret';
import { linksOf, startSmtpSink, type SinkMessage } from '@taskwire/dev/smtp-sink';
import {
  createTestDatabase,
  eventually,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  uniqueSuffix,
} from '../../../test/support.js';
import { accountsConfigSchema } from './env.js';
import { startAccountsService, type AccountsService } from './service.js';

// Sessions, passwords and e-mail verification at the accounts subgraph, with a real SMTP server
// (dev/src/smtp-sink.ts) receiving accounts' own mails (docs/sessions.md).

const auth = 'token expiresAt refreshToken user { id email emailVerified }';
const signUpQ = `mutation($input: SignUpInput!) { signUp(input: $input) { ${auth} } }`;
const signInQ = `mutation($input: SignInInput!) { signIn(input: $input) { ${auth} } }`;
const refreshQ = `mutation($t: String) { refreshSession(refreshToken: $t) { ${auth} } }`;
const meQ = `{ me { id email emailVerified } }`;
const sessionsQ = `{ sessions { id createdAt lastUsedAt userAgent current } }`;
const password = 'Tr0ub4dor&3-long';
const graceSeconds = 2;
const ttlSeconds = 60;
const publicUrl = 'http://app.taskwire.test';

let service: AccountsService;
let sink: { port: number; stop(): Promise<void> };
const mails: SinkMessage[] = [];

beforeAll(async () => {
  sink = await startSmtpSink(0, (m) => mails.push(m));
  const { pem } = await testKeys();
  service = await startAccountsService(
    parseConfig(accountsConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      GATEWAY_SECRET: testGatewaySecret,
      DATABASE_URL: await createTestDatabase('sessions'),
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      OUTBOX_RELAY_ENABLED: 'false',
      PROJECT_EVENTS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      JWT_PRIVATE_KEY: pem.privateKeyPem,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      ACCESS_TOKEN_TTL_SECONDS: String(ttlSeconds),
      REFRESH_REUSE_GRACE_SECONDS: String(graceSeconds),
      PASSWORD_RESET_WINDOW_SECONDS: '600',
      PUBLIC_URL: publicUrl,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_POLL_MS: '200',
    }),
  );
});
afterAll(async () => {
  await service?.stop();
  await sink?.stop();
});

const email = (label: string) => `${label}-${uniqueSuffix()}@example.com`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Auth = { token: string; expiresAt: string; refreshToken: string | null; user: { id: string; email: string } };

async function signUp(address: string, agent = 'test-agent/1'): Promise<Auth> {
  const r = await graphqlRequest(service.url, signUpQ, { input: { email: address, password, name: 'Sam' } }, null, {
    [clientUserAgentHeader]: agent,
  });
  expect(r.errors).toBeUndefined();
  return r.data.signUp;
}

async function signIn(address: string, pw = password, agent = 'test-agent/2'): Promise<Auth> {
  const r = await graphqlRequest(service.url, signInQ, { input: { email: address, password: pw } }, null, {
    [clientUserAgentHeader]: agent,
  });
  expect(r.errors).toBeUndefined();
  return r.data.signIn;
}

const refresh = (refreshToken: string | null) => graphqlRequest(service.url, refreshQ, { t: refreshToken });
const codeOf = (r: { errors?: Array<{ extensions?: Record<string, any> }> }) => r.errors?.[0]?.extensions?.code;

/** The first link to `path` in the mails to `to`, once one arrived. */
async function linkTo(to: string, path: '/reset-password' | '/verify-email'): Promise<string> {
  return eventually(
    () =>
      mails
        .filter((m) => m.to.includes(to))
        .flatMap((m) => linksOf(m.raw))
        .find((l) => new URL(l).pathname === path),
    { timeoutMs: 30_000, what: `a ${path} link mailed to ${to}` },
  );
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;

describe('sessions', () => {
  it('rotates refresh tokens; reusing a spent one after the grace window revokes the family', async () => {
    const up = await signUp(email('rot'));
    expect(up.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(up.expiresAt) - Date.now()).toBeLessThanOrEqual(ttlSeconds * 1000);
    const first = await refresh(up.refreshToken);
    expect(first.errors).toBeUndefined();
    const r1 = first.data.refreshSession as Auth;
    expect(r1.refreshToken).not.toBe(up.refreshToken);
    expect(decodeJwt(r1.token).sid).toBe(decodeJwt(up.token).sid);
    await sleep((graceSeconds + 1) * 1000);
    // The thief replays the spent token: refused, and the whole session with it.
    const thief = await refresh(up.refreshToken);
    expect(codeOf(thief)).toBe('UNAUTHENTICATED');
    // The owner's live successor is dead too.
    const owner = await refresh(r1.refreshToken);
    expect(codeOf(owner)).toBe('UNAUTHENTICATED');
    const listed = await graphqlRequest(service.url, sessionsQ, {}, r1.token);
    expect(listed.data.sessions).toEqual([]);
  });

  it('answers a repeat within the grace window with the same successor, and revokes after it', async () => {
    const up = await signUp(email('grace'));
    // Two tabs refreshing at once.
    const [a, b] = await Promise.all([refresh(up.refreshToken), refresh(up.refreshToken)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data.refreshSession.refreshToken).toBe(b.data.refreshSession.refreshToken);
    const again = await refresh(up.refreshToken);
    expect(again.data.refreshSession.refreshToken).toBe(a.data.refreshSession.refreshToken);
    await sleep((graceSeconds + 1) * 1000);
    expect(codeOf(await refresh(up.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(a.data.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('lists sessions; signOutEverywhere ends the other session’s refresh, its access token only expires', async () => {
    const address = email('everywhere');
    const laptop = await signUp(address, 'Laptop/1');
    const phone = await signIn(address, password, 'Phone/1');
    const listed = await graphqlRequest(service.url, sessionsQ, {}, laptop.token);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.sessions).toHaveLength(2);
    expect(listed.data.sessions.find((s: { current: boolean }) => s.current).userAgent).toBe('Laptop/1');
    expect(listed.data.sessions.find((s: { current: boolean }) => !s.current).userAgent).toBe('Phone/1');

    const out = await graphqlRequest(service.url, `mutation { signOutEverywhere }`, {}, laptop.token);
    expect(out.data.signOutEverywhere).toBe(true);
    expect(codeOf(await refresh(phone.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(laptop.refreshToken))).toBe('UNAUTHENTICATED');
    // The phone's access token is not revocable, but it ends within ACCESS_TOKEN_TTL_SECONDS.
    const { exp, iat } = decodeJwt(phone.token);
    expect(exp! - iat!).toBe(ttlSeconds);
    expect(exp! * 1000).toBeLessThanOrEqual(Date.now() + ttlSeconds * 1000);
  });

  it('signOut ends this session only; revokeSession ends a named one of the user', async () => {
    const address = email('signout');
    const a = await signUp(address);
    const b = await signIn(address);
    const c = await signIn(address);
    expect((await graphqlRequest(service.url, `mutation { signOut }`, {}, a.token)).data.signOut).toBe(true);
    expect(codeOf(await refresh(a.refreshToken))).toBe('UNAUTHENTICATED');
    const sid = decodeJwt(c.token).sid as string;
    const revoke = `mutation($id: ID!) { revokeSession(id: $id) }`;
    // Someone else cannot revoke it.
    const stranger = await signUp(email('stranger'));
    expect((await graphqlRequest(service.url, revoke, { id: sid }, stranger.token)).data.revokeSession).toBe(false);
    expect((await graphqlRequest(service.url, revoke, { id: sid }, b.token)).data.revokeSession).toBe(true);
    expect(codeOf(await refresh(c.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await refresh(b.refreshToken)).errors).toBeUndefined();
  });
});

describe('passwords', () => {
  it('changePassword checks the current one and ends every other session', async () => {
    const address = email('change');
    const here = await signUp(address);
    const there = await signIn(address);
    const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
    const wrong = await graphqlRequest(
      service.url,
      change,
      { c: 'Not-the-password-1', n: 'An0ther-g00d-one' },
      here.token,
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const weak = await graphqlRequest(service.url, change, { c: password, n: 'short' }, here.token);
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const ok = await graphqlRequest(service.url, change, { c: password, n: 'An0ther-g00d-one' }, here.token);
    expect(ok.data.changePassword).toBe(true);
    expect(codeOf(await refresh(there.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await refresh(here.refreshToken)).errors).toBeUndefined();
    await signIn(address, 'An0ther-g00d-one');
  });

  it('changePassword and changeEmail count wrong passwords with sign-in: backed off, even the right one is refused from that address', async () => {
    const address = email('guess');
    const { token } = await signUp(address);
    const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }`;
    const changeEmail = `mutation($e: String!, $p: String!) { changeEmail(newEmail: $e, password: $p) }`;
    const from = { [clientAddressHeader]: `203.0.113.${1 + Math.floor(Math.random() * 200)}` };
    // Five wrong guesses, spread over both mutations: the same per-account-and-address count.
    for (let i = 0; i < 5; i += 1) {
      const wrong =
        i % 2 === 0
          ? await graphqlRequest(service.url, change, { c: `guess-${i}-Aa1!`, n: 'An0ther-g00d-one' }, token, from)
          : await graphqlRequest(service.url, changeEmail, { e: email('moved'), p: `guess-${i}-Aa1!` }, token, from);
      expect(wrong.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: i % 2 === 0 ? 'currentPassword' : 'password',
      });
    }
    const backedOff = await graphqlRequest(service.url, change, { c: password, n: 'An0ther-g00d-one' }, token, from);
    expect(codeOf(backedOff)).toBe('TOO_MANY_REQUESTS');
    const emailBackedOff = await graphqlRequest(
      service.url,
      changeEmail,
      { e: email('moved'), p: password },
      token,
      from,
    );
    expect(codeOf(emailBackedOff)).toBe('TOO_MANY_REQUESTS');
    // Sign-in from that address is backed off too: one rule for every password check.
    const signInAgain = await graphqlRequest(service.url, signInQ, { input: { email: address, password } }, null, from);
    expect(codeOf(signInAgain)).toBe('TOO_MANY_REQUESTS');
    // Nothing changed: the old password still signs in from elsewhere.
    await signIn(address);
  });

  it('mails a reset link once to a real SMTP server; it works once; an unknown address gets the same answer and no mail', async () => {
    const address = email('reset');
    const unknown = email('nobody');
    const first = await signUp(address);
    const second = await signIn(address);
    const request = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
    const answers = await Promise.all([
      graphqlRequest(service.url, request, { e: address }),
      graphqlRequest(service.url, request, { e: address.toUpperCase() }),
      graphqlRequest(service.url, request, { e: unknown }),
    ]);
    expect(answers).toEqual([0, 1, 2].map(() => ({ data: { requestPasswordReset: true } })));
    const link = await linkTo(address, '/reset-password');
    expect(link).toMatch(new RegExp(`^${publicUrl}/reset-password\\?token=[A-Za-z0-9_-]{43}$`));
    // Give a second mail every chance to arrive: it must not.
    await sleep(1_500);
    expect(
      mails.filter((m) => m.to.includes(address) && linksOf(m.raw).some((l) => l.includes('/reset-password'))),
    ).toHaveLength(1);
    expect(mails.filter((m) => m.to.includes(unknown))).toHaveLength(0);

    const reset = `mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) { ${auth} } }`;
    const done = await graphqlRequest(service.url, reset, { t: tokenOf(link), p: 'Brand-new-pass-7' });
    expect(done.errors).toBeUndefined();
    expect(done.data.resetPassword.user).toMatchObject({ email: address, emailVerified: true });
    const twice = await graphqlRequest(service.url, reset, { t: tokenOf(link), p: 'Brand-new-pass-8' });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    // Every earlier session ended; the new one lives; the new password signs in.
    expect(codeOf(await refresh(first.refreshToken))).toBe('UNAUTHENTICATED');
    expect(codeOf(await refresh(second.refreshToken))).toBe('UNAUTHENTICATED');
    expect((await refresh(done.data.resetPassword.refreshToken)).errors).toBeUndefined();
    await signIn(address, 'Brand-new-pass-7');
  });
});

describe('e-mail verification', () => {
  const verify = `mutation($t: String!) { verifyEmail(token: $t) }`;

  it('sends a verification link on sign-up that verifies once', async () => {
    const address = email('verify');
    const up = await signUp(address);
    expect(up.user).toMatchObject({ emailVerified: false });
    const link = await linkTo(address, '/verify-email');
    expect(link).toMatch(new RegExp(`^${publicUrl}/verify-email\\?token=`));
    expect((await graphqlRequest(service.url, verify, { t: tokenOf(link) })).data.verifyEmail).toBe(true);
    expect((await graphqlRequest(service.url, meQ, {}, up.token)).data.me.emailVerified).toBe(true);
    const again = await graphqlRequest(service.url, verify, { t: tokenOf(link) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });

  it('changes the address only when the link sent to the new one is followed', async () => {
    const address = email('old');
    const next = email('new');
    const up = await signUp(address);
    const change = `mutation($e: String!, $p: String!) { changeEmail(newEmail: $e, password: $p) }`;
    const wrong = await graphqlRequest(service.url, change, { e: next, p: 'Wrong-password-1' }, up.token);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect((await graphqlRequest(service.url, change, { e: next, p: password }, up.token)).data.changeEmail).toBe(true);
    expect((await graphqlRequest(service.url, meQ, {}, up.token)).data.me.email).toBe(address);
    const link = await linkTo(next, '/verify-email');
    expect((await graphqlRequest(service.url, meQ, {}, up.token)).data.me.email).toBe(address);
    expect((await graphqlRequest(service.url, verify, { t: tokenOf(link) })).data.verifyEmail).toBe(true);
    expect((await graphqlRequest(service.url, meQ, {}, up.token)).data.me).toMatchObject({
      email: next,
      emailVerified: true,
    });
    await signIn(next);
    // The sign-up link to the old address was spent by the change: it cannot switch back.
    const old = await linkTo(address, '/verify-email');
    const back = await graphqlRequest(service.url, verify, { t: tokenOf(old) });
    expect(back.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
  });
});
