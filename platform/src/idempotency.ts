import { AsyncLocalStorage } from 'node:async_hooks';
import { print, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import {
  canonicalJson,
  idempotencyKeyInUse,
  idempotencyKeyInput,
  idempotencyKeyRetentionHours,
  idempotencyKeyReused,
  sha256Of,
} from './idempotency-key.js';
import {
  deleteIdempotencyRecordsBefore,
  findIdempotencyRecords,
  insertIdempotencyRecord,
  tryLockIdempotencyKey,
} from './idempotency.repository.js';

/**
 * How a subgraph's mutation honours an Idempotency-Key:
 * - `recorded`: its effect runs in `mutationTransaction`, which stores its result under the key in
 *   the same transaction, and a retry gets that result instead of running the effect again;
 * - `natural`: running it again is harmless by nature (signIn signs in again), so the key is
 *   checked and nothing is stored.
 */
export type MutationIdempotency = 'recorded' | 'natural';

/** The key and fingerprint the gateway forwarded with a mutation request. */
export interface IdempotencyRequest {
  key: string;
  fingerprint: string;
  /** One entry per keyed root field answered: whether its result was replayed. */
  replays: boolean[];
}

interface PendingRecord {
  scope: string;
  key: string;
  fingerprint: string;
  requestHash: string;
  state: 'pending' | 'recorded' | 'replayed';
}

const pendingRecord = new AsyncLocalStorage<PendingRecord>();

/** Milliseconds a key is kept. */
const retentionMs = idempotencyKeyRetentionHours * 3_600_000;

/**
 * Runs a mutation's effect in a transaction: what every mutation resolver uses instead of
 * `db.transaction().execute`. Inside a root mutation field that carries an Idempotency-Key
 * (see `idempotentMutations`), the first transaction it opens also
 * 1. takes the key's lock without waiting (another request with the key in flight →
 *    IDEMPOTENCY_KEY_IN_USE),
 * 2. compares the key's unexpired records with this request (another fingerprint →
 *    IDEMPOTENCY_KEY_REUSED; the same request → its stored result is returned and `fn` does
 *    not run),
 * 3. otherwise runs `fn` and stores its result **in the same transaction**, so a crash leaves
 *    either both or neither.
 * Results are stored as JSON (Dates kept); `fn` should return plain rows.
 * @throws GraphQLError IDEMPOTENCY_KEY_IN_USE, IDEMPOTENCY_KEY_REUSED; whatever `fn` throws (then nothing is stored).
 */
export async function mutationTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const pending = pendingRecord.getStore();
  if (!pending || pending.state !== 'pending') return db.transaction().execute(fn);
  return db.transaction().execute(async (trx) => {
    if (!(await tryLockIdempotencyKey(trx, pending.scope, pending.key))) throw idempotencyKeyInUse();
    const records = await findIdempotencyRecords(trx, pending.scope, pending.key, new Date(Date.now() - retentionMs));
    if (records.some((r) => r.fingerprint !== pending.fingerprint)) throw idempotencyKeyReused();
    const stored = records.find((r) => r.request_hash === pending.requestHash);
    if (stored) {
      pending.state = 'replayed';
      return decodeResult(stored.response) as T;
    }
    const result = await fn(trx);
    await insertIdempotencyRecord(trx, {
      scope: pending.scope,
      key: pending.key,
      request_hash: pending.requestHash,
      fingerprint: pending.fingerprint,
      // A void effect (setTaskTags) is stored as null.
      response: JSON.stringify(encodeResult(result) ?? null),
    });
    pending.state = 'recorded';
    return result;
  });
}

/** The context fields `idempotentMutations` reads (RequestContext has them). */
interface KeyedContext {
  user: { id: string } | null;
  clientAddress: string;
  idempotency: IdempotencyRequest | null;
}

/**
 * Wraps every root Mutation resolver of a subgraph so that a request carrying an
 * Idempotency-Key runs it with the key in scope of `mutationTransaction`. `modes` names every
 * mutation (a missing one is an error at start-up, so no mutation is left out). A `recorded`
 * mutation that finishes without having stored its result is logged as a defect.
 * @throws Error at start-up when `modes` and the resolvers' mutations differ.
 */
export function idempotentMutations<R extends Record<string, unknown>>(
  resolvers: R,
  modes: Record<string, MutationIdempotency>,
  logger: Pick<Logger, 'error'>,
): R {
  const mutation = (resolvers as { Mutation?: Record<string, GraphQLFieldResolver<unknown, KeyedContext>> }).Mutation;
  const fields = Object.keys(mutation ?? {});
  const missing = fields.filter((f) => !(f in modes));
  const extra = Object.keys(modes).filter((f) => !fields.includes(f));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `idempotency modes must name exactly the Mutation resolvers: missing ${missing.join(', ') || 'none'}, unknown ${extra.join(', ') || 'none'}`,
    );
  }
  if (!mutation) return resolvers;
  const wrapped = Object.fromEntries(
    Object.entries(mutation).map(([field, resolve]) => [
      field,
      async (parent: unknown, args: unknown, ctx: KeyedContext, info: GraphQLResolveInfo) => {
        const request = ctx.idempotency;
        if (!request) return resolve(parent, args, ctx, info);
        const pending: PendingRecord = {
          scope: ctx.user ? ctx.user.id : `anonymous:${ctx.clientAddress}`,
          key: idempotencyKeyInput(request.key),
          fingerprint: request.fingerprint,
          requestHash: subgraphRequestHash(info),
          state: modes[field] === 'recorded' ? 'pending' : 'recorded',
        };
        const result = await pendingRecord.run(pending, () => resolve(parent, args, ctx, info));
        if (pending.state === 'pending') {
          logger.error({ field }, 'mutation with an Idempotency-Key finished without recording its result');
        }
        request.replays.push(pending.state === 'replayed');
        return result;
      },
    ]),
  );
  return { ...resolvers, Mutation: wrapped };
}

/** This subgraph request (operation and variables) and the root field answered in it. */
function subgraphRequestHash(info: GraphQLResolveInfo): string {
  return sha256Of(print(info.operation), canonicalJson(info.variableValues), String(info.path.key));
}

/** JSON-ready form of a result: Dates become `{ "$date": iso }`. */
export function encodeResult(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encodeResult);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeResult(v)]));
  }
  return value;
}

/** The inverse of encodeResult. */
export function decodeResult(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeResult);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === '$date' && typeof entries[0]![1] === 'string') {
      return new Date(entries[0]![1]);
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, decodeResult(v)]));
  }
  return value;
}

/**
 * Deletes records older than the retention (24 hours) as of `now`. Lookups ignore expired
 * records anyway; this keeps the table small.
 * @returns how many were deleted.
 */
export async function purgeExpiredIdempotencyKeys(db: Kysely<any>, now: Date = new Date()): Promise<number> {
  return deleteIdempotencyRecordsBefore(db, new Date(now.getTime() - retentionMs));
}

/**
 * Purges expired keys now and then every `intervalMs` (default hourly); failures are logged and
 * retried at the next tick. @returns stop.
 */
export function startIdempotencyKeyPurge(
  db: Kysely<any>,
  logger: Pick<Logger, 'error'>,
  intervalMs = 3_600_000,
): () => void {
  const purge = () =>
    purgeExpiredIdempotencyKeys(db).catch((err: unknown) => logger.error({ err }, 'idempotency key purge failed'));
  void purge();
  const timer = setInterval(() => void purge(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
