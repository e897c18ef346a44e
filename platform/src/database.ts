import { Kysely, PostgresDialect, sql, type Insertable, type InsertType, type Transaction } from 'kysely';
import pg from 'pg';

// timestamptz → Date (default), bigint (int8) → string kept as is; numeric as string.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v); // 'YYYY-MM-DD' stays a string

export type Executor<DB> = Kysely<DB> | Transaction<DB>;

/** Columns of table `T` that have a database default: `Generated<…>`, or `undefined` in their insert type. */
type DefaultedColumns<T> = { [K in keyof T]: undefined extends InsertType<T[K]> ? K : never }[keyof T];

/**
 * A complete row for `insertInto(T)`: Kysely's `Insertable<T>` also makes nullable columns
 * optional, so a writer could forget one and store null without a word. Here only columns with
 * a default may be left out; a nullable column must be given (null says "none").
 */
export type NewRow<T> = Flatten<
  Omit<Required<Insertable<T>>, DefaultedColumns<T>> &
    Partial<Pick<Insertable<T>, DefaultedColumns<T> & keyof Insertable<T>>>
>;

/** One object type instead of an intersection, for readable hovers and exact type tests. */
type Flatten<T> = { [K in keyof T]: T[K] };

export interface DatabaseOptions {
  url: string;
  /** Postgres schema this service owns: becomes the search_path, so SQL names need no prefix. */
  schema: string;
  /**
   * Role every pooled connection acts as (`-c role=…` at connection start), e.g. a read-only
   * role; omitted → the login user.
   */
  role?: string;
  maxConnections?: number;
  applicationName?: string;
  /** Called when an idle pooled connection fails (the pool replaces it); defaults to stderr. */
  onIdleError?: (error: Error) => void;
}

/**
 * Kysely over a pg Pool whose connections use `search_path = <schema>, public` (and
 * `role = <role>` when given).
 */
export function createDatabase<DB>(options: DatabaseOptions): Kysely<DB> {
  const settings = [`-c search_path=${options.schema},public`];
  if (options.role) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.role)) throw new Error(`invalid role name ${JSON.stringify(options.role)}`);
    settings.push(`-c role=${options.role}`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? options.schema,
    options: settings.join(' '),
  });
  survivesLostConnections(
    pool,
    options.onIdleError ??
      ((error) =>
        process.stderr.write(`postgres pool (${options.schema}): idle connection failed: ${error.message}\n`)),
  );
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Keeps a lost connection (database restart, admin kill, network cut) from crashing the process.
 * Without a listener, an idle client's error is thrown by the pool; and while a client is lent
 * out (pg-pool removes its own listener then), for instance between the statements of a
 * transaction, its error event would be unhandled. That client's next query fails instead, the
 * caller sees the error, and the pool discards the client when it is released.
 */
function survivesLostConnections(pool: pg.Pool, onIdleError: (error: Error) => void): void {
  pool.on('error', onIdleError);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
}

/** A raw pg Pool on the same database (for LISTEN/NOTIFY and tooling). */
export function createPool(url: string, max = 2): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  survivesLostConnections(pool, (error) =>
    process.stderr.write(`postgres pool: idle connection failed: ${error.message}\n`),
  );
  return pool;
}

/** True when the database answers `select 1`. */
export async function databaseReady(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
