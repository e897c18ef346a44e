import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { changeUserEmail, createAccountsDatabase, deleteUser } from '@taskwire/accounts';
import type { EventOf } from '@taskwire/platform/events';
import {
  createTestDatabase,
  graphqlRequest,
  testGatewaySecret,
  testKafkaBrokers,
  testKeys,
  tokenFor,
  uniqueSuffix,
} from '../../../test/support.js';
import { generateKeyPairPem, importSigningKeys, signAccessToken } from '@taskwire/platform/auth';
import { parseConfig } from '@taskwire/platform/config';
import { clientAddressHeader } from '@taskwire/platform/gateway-secret';
import { accountsConfigSchema } from './env.js';
import { startAccountsService, type AccountsService } from './service.js';

const signUp = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email name timeZone } } }`;
const signIn = `mutation($input: SignInInput!) { signIn(input: $input) { token user { id email } } }`;
const me = `{ me { id email name timeZone } }`;
const entities = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id email } } }`;
const password = 'Tr0ub4dor&3-long';

let service: AccountsService;
let db: ReturnType<typeof createAccountsDatabase>;

beforeAll(async () => {
  const { pem } = await testKeys();
  const databaseUrl = await createTestDatabase('accounts');
  db = createAccountsDatabase(databaseUrl);
  service = await startAccountsService(
    parseConfig(accountsConfigSchema, {
      PORT: '0',
      OPS_PORT: '0',
      GATEWAY_SECRET: testGatewaySecret,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      // The relay stays off so the events stay in the outbox for these tests to read.
      OUTBOX_RELAY_ENABLED: 'false',
      PROJECT_EVENTS_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      JWT_PRIVATE_KEY: pem.privateKeyPem,
      JWT_PUBLIC_KEY: pem.publicKeyPem,
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '5',
      // Mails are sessions.int.test.ts's subject (with a real SMTP server).
      MAIL_SENDER_ENABLED: 'false',
    }),
  );
});
afterAll(async () => {
  await service?.stop();
  await db?.destroy();
});

const email = (label: string) => `${label}-${uniqueSuffix()}@example.com`;

describe('accounts subgraph', () => {
  it('signs up, signs in (any case) and answers me with the token', async () => {
    const address = email('ann');
    const up = await graphqlRequest(service.url, signUp, {
      input: { email: address, password, name: ' Ann ', timeZone: 'europe/berlin' },
    });
    expect(up.errors).toBeUndefined();
    expect(up.data.signUp.user).toMatchObject({ email: address, name: 'Ann', timeZone: 'Europe/Berlin' });
    const inn = await graphqlRequest(service.url, signIn, { input: { email: address.toUpperCase(), password } });
    expect(inn.errors).toBeUndefined();
    expect(inn.data.signIn.user.id).toBe(up.data.signUp.user.id);
    const mine = await graphqlRequest(service.url, me, {}, inn.data.signIn.token);
    expect(mine.data.me).toMatchObject({ id: up.data.signUp.user.id, email: address, timeZone: 'Europe/Berlin' });
    const updated = await graphqlRequest(
      service.url,
      `mutation { updateProfile(input: { name: "Annie", timeZone: "Asia/Tokyo" }) { name timeZone } }`,
      {},
      inn.data.signIn.token,
    );
    expect(updated.data.updateProfile).toEqual({ name: 'Annie', timeZone: 'Asia/Tokyo' });
  });

  it('serves the JWKS that verifies its tokens', async () => {
    const response = await fetch(service.jwksUrl);
    const body = (await response.json()) as { keys: Array<{ kid: string; alg: string }> };
    expect(body.keys[0]).toMatchObject({ alg: 'ES256', kid: (await testKeys()).keys.publicJwk.kid });
  });

  it('refuses duplicate e-mails in any case, weak passwords and unknown time zones, naming the field', async () => {
    const address = email('dup');
    await graphqlRequest(service.url, signUp, { input: { email: address, password, name: 'Dup' } });
    const duplicate = await graphqlRequest(service.url, signUp, {
      input: { email: address.toUpperCase(), password, name: 'Dup2' },
    });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const weak = await graphqlRequest(service.url, signUp, {
      input: { email: email('weak'), password: 'abcdefghijkl', name: 'W' },
    });
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const zone = await graphqlRequest(service.url, signUp, {
      input: { email: email('tz'), password, name: 'Z', timeZone: 'Mars/Olympus_Mons' },
    });
    expect(zone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timeZone' });
    expect(zone.errors?.[0]?.message).toContain('Mars/Olympus_Mons');
  });

  it('gives no user data without a valid token, for me and for _entities', async () => {
    const up = await graphqlRequest(service.url, signUp, { input: { email: email('eve'), password, name: 'Target' } });
    const id = up.data.signUp.user.id as string;
    const reps = [{ __typename: 'User', id }];
    const anonymousMe = await graphqlRequest(service.url, me);
    expect(anonymousMe.data?.me ?? null).toBeNull();
    const anonymousEntities = await graphqlRequest(service.url, entities, { reps });
    expect(anonymousEntities.data?._entities).toEqual([null]);
    // A token for someone else, and a token signed by a foreign key.
    const other = await graphqlRequest(
      service.url,
      entities,
      { reps },
      await tokenFor('00000000-0000-4000-8000-000000000000'),
    );
    expect(other.data?._entities).toEqual([null]);
    const foreign = await signAccessToken(await importSigningKeys(await generateKeyPairPem()), id);
    const forged = await graphqlRequest(service.url, entities, { reps }, foreign);
    expect(forged.data?._entities).toEqual([null]);
    const forgedMe = await graphqlRequest(service.url, me, {}, foreign);
    expect(forgedMe.data?.me ?? null).toBeNull();
    // The owner gets their own entity.
    const own = await graphqlRequest(service.url, entities, { reps }, up.data.signUp.token);
    expect(own.data?._entities).toEqual([{ id, email: up.data.signUp.user.email }]);
  });

  it('answers wrong password and unknown e-mail alike', async () => {
    const address = email('brute');
    await graphqlRequest(service.url, signUp, { input: { email: address, password, name: 'B' } });
    const from = { [clientAddressHeader]: `10.1.0.${Math.floor(Math.random() * 200)}` };
    const wrong = await graphqlRequest(
      service.url,
      signIn,
      { input: { email: address, password: 'Wrong-password-1' } },
      null,
      from,
    );
    const unknown = await graphqlRequest(
      service.url,
      signIn,
      { input: { email: email('nobody'), password } },
      null,
      from,
    );
    expect(wrong.errors?.[0]).toMatchObject({
      message: 'e-mail or password is wrong',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'e-mail or password is wrong',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('five wrong passwords from address X back X off for that account; the right password from Y signs in', async () => {
    const address = email('owner');
    const up = await graphqlRequest(service.url, signUp, { input: { email: address, password, name: 'O' } });
    const x = { [clientAddressHeader]: '192.0.2.10' };
    const y = { [clientAddressHeader]: '192.0.2.20' };
    for (let i = 0; i < 5; i += 1) {
      const r = await graphqlRequest(
        service.url,
        signIn,
        { input: { email: address, password: `Wrong-password-${i}` } },
        null,
        x,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // X is backed off, even with the right password…
    const backedOff = await graphqlRequest(service.url, signIn, { input: { email: address, password } }, null, x);
    expect(backedOff.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(backedOff.errors?.[0]?.message).toContain('for account from this address');
    expect(backedOff.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // …and the owner at Y is not.
    const owner = await graphqlRequest(service.url, signIn, { input: { email: address, password } }, null, y);
    expect(owner.errors).toBeUndefined();
    expect(owner.data.signIn.user.id).toBe(up.data.signUp.user.id);
  });

  it('limits failures per client address across accounts', async () => {
    const headers = { [clientAddressHeader]: `203.0.113.${Math.floor(Math.random() * 200)}` };
    for (let i = 0; i < 5; i += 1) {
      const r = await graphqlRequest(
        service.url,
        signIn,
        { input: { email: email(`spray${i}`), password } },
        null,
        headers,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const address = email('victim');
    await graphqlRequest(service.url, signUp, { input: { email: address, password, name: 'V' } });
    const refused = await graphqlRequest(service.url, signIn, { input: { email: address, password } }, null, headers);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const elsewhere = await graphqlRequest(service.url, signIn, { input: { email: address, password } }, null, {
      [clientAddressHeader]: '198.51.100.7',
    });
    expect(elsewhere.errors).toBeUndefined();
  });
});

describe('user-events through the accounts outbox', () => {
  /** The user's events in the outbox, oldest first. */
  async function eventsOf(userId: string): Promise<EventOf[]> {
    const rows = await db.selectFrom('outbox').selectAll().where('key', '=', userId).orderBy('id').execute();
    for (const row of rows) expect(row.topic).toBe('user-events');
    return rows.map((r) => r.envelope as EventOf);
  }

  async function newUser() {
    const address = email('ev');
    const up = await graphqlRequest(service.url, signUp, {
      input: { email: address, password, name: 'Eve', timeZone: 'Europe/Berlin' },
    });
    expect(up.errors).toBeUndefined();
    return { id: up.data.signUp.user.id as string, token: up.data.signUp.token as string, address };
  }

  const codeOf = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: GraphQLError) => ({ code: e.extensions?.code, field: e.extensions?.field }),
    );

  it('sign-up publishes user.created with the snapshot (never the password hash)', async () => {
    const { id, address } = await newUser();
    const [created, ...rest] = await eventsOf(id);
    expect(rest).toEqual([]);
    expect(created).toMatchObject({
      type: 'user.created',
      version: 1,
      subject: id,
      userId: id,
      actor: id,
      data: { user: { id, email: address, name: 'Eve', timeZone: 'Europe/Berlin' } },
    });
    expect(JSON.stringify(created)).not.toContain('scrypt');
  });

  it('updateProfile publishes only the fields that really changed, and nothing for a no-op', async () => {
    const { id, token } = await newUser();
    const update = (input: string) =>
      graphqlRequest(service.url, `mutation { updateProfile(input: ${input}) { name timeZone } }`, {}, token);
    expect((await update('{ name: "Eve", timeZone: "Asia/Tokyo" }')).errors).toBeUndefined();
    const [, updated] = await eventsOf(id);
    expect(updated).toMatchObject({
      type: 'user.updated',
      actor: id,
      data: {
        user: { timeZone: 'Asia/Tokyo', name: 'Eve' },
        changes: [{ field: 'timeZone', old: 'Europe/Berlin', new: 'Asia/Tokyo' }],
      },
    });
    const before = await db.selectFrom('users').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect((await update('{ name: "Eve", timeZone: "asia/tokyo" }')).data.updateProfile.timeZone).toBe('Asia/Tokyo');
    expect(await eventsOf(id)).toHaveLength(2);
    const after = await db.selectFrom('users').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(after.updated_at).toEqual(before.updated_at);
  });

  it('changeUserEmail publishes an email change and refuses malformed or taken addresses, naming the field', async () => {
    const { id, address } = await newUser();
    const other = await newUser();
    const moved = email('moved');
    const row = await changeUserEmail(db, id, ` ${moved} `, { actor: id });
    expect(row.email).toBe(moved);
    const [, updated] = await eventsOf(id);
    expect(updated).toMatchObject({
      type: 'user.updated',
      data: { user: { email: moved }, changes: [{ field: 'email', old: address, new: moved }] },
    });
    expect(await codeOf(changeUserEmail(db, id, 'not-an-address', { actor: id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    expect(await codeOf(changeUserEmail(db, id, other.address.toUpperCase(), { actor: id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'email',
    });
    expect(await codeOf(changeUserEmail(db, '00000000-0000-4000-8000-000000000000', moved, { actor: null }))).toEqual({
      code: 'NOT_FOUND',
      field: undefined,
    });
    expect(await eventsOf(id)).toHaveLength(2);
    // Signing in with the new address works, the old one no longer does.
    const inn = await graphqlRequest(service.url, signIn, { input: { email: moved, password } });
    expect(inn.data.signIn.user.id).toBe(id);
  });

  it('deleteAccount needs the current password (wrong: BAD_USER_INPUT on password, throttled), then deletes the account and publishes user.deleted', async () => {
    const { id, token } = await newUser();
    const deleteAccount = `mutation($p: String!) { deleteAccount(password: $p) }`;
    const from = { [clientAddressHeader]: `198.51.100.${Math.floor(Math.random() * 200)}` };
    expect((await graphqlRequest(service.url, deleteAccount, { p: password })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    for (let i = 0; i < 5; i += 1) {
      const wrong = await graphqlRequest(service.url, deleteAccount, { p: `${password}-${i}` }, token, from);
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    }
    const throttled = await graphqlRequest(service.url, deleteAccount, { p: password }, token, from);
    expect(throttled.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['user.created']);
    // From another address the owner's correct password is never refused.
    const done = await graphqlRequest(service.url, deleteAccount, { p: password }, token);
    expect(done).toEqual({ data: { deleteAccount: true } });
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['user.deleted']);
    // The token is still well signed (the gateway refuses it; here the subgraph is asked
    // directly): every mutation that confirms the password answers the same way.
    const again = await graphqlRequest(service.url, deleteAccount, { p: password }, token);
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const changePassword = `mutation($p: String!) { changePassword(currentPassword: $p, newPassword: "another long passphrase 9") }`;
    const changeEmail = `mutation($p: String!) { changeEmail(newEmail: "moved-${id}@example.com", password: $p) }`;
    for (const mutation of [changePassword, changeEmail]) {
      const gone = await graphqlRequest(service.url, mutation, { p: password }, token);
      expect(gone.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(gone.errors?.[0]?.message).toBe('the account of this token no longer exists');
    }
    expect((await graphqlRequest(service.url, me, {}, token)).data?.me ?? null).toBeNull();
  });

  it('deleteUser removes the user and their earlier outbox rows, and publishes user.deleted with the state before deletion, once', async () => {
    const { id, address, token } = await newUser();
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['user.created']);
    const deleted = await deleteUser(db, id, { actor: id });
    expect(deleted?.email).toBe(address);
    expect(await deleteUser(db, id, { actor: id })).toBeNull();
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['user.deleted']);
    expect(events[0]).toMatchObject({ data: { user: { id, email: address, name: 'Eve' } } });
    const mine = await graphqlRequest(service.url, me, {}, token);
    expect(mine.data?.me ?? null).toBeNull();
  });
});
