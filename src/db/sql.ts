/**
 * Plain SQL on the connection pool Prisma itself uses, for the few statements on the hot paths (first contact,
 * filing, routing, delivery); why and what it measured: docs/performance.md. Everything else goes through Prisma.
 *
 * Values are passed as text, numbers, booleans, null or arrays of text or numbers, and rows come back as text, int4 or boolean columns
 * (cast in the statement): node-postgres would read a `timestamp` in the process's time zone, and Prisma stores
 * UTC, so instants cross this boundary as ISO strings only.
 */
import type { Pool } from 'pg'

/** node-postgres sends arrays as PostgreSQL arrays (cast them in the statement: `$1::text[]`). */
export type SqlValue = string | number | boolean | null | ReadonlyArray<string | null> | readonly number[]

/** A statement worth preparing once per connection: a stable name and its text with $1… placeholders. */
export interface PreparedStatement {
  name: string
  text: string
}

const pools = new WeakMap<object, Pool>()

/** Called by createDatabase: the pool behind a Prisma client. */
export function registerPool(db: object, pool: Pool): void {
  pools.set(db, pool)
}

/** Runs a prepared statement on the pool behind `db` (a client made by createDatabase) and returns its rows. */
export async function queryRows<Row>(
  db: object,
  statement: PreparedStatement,
  values: readonly SqlValue[],
): Promise<Row[]> {
  const pool = pools.get(db)
  if (!pool)
    throw new Error(`statement ${statement.name}: no pool behind this database client (make it with createDatabase)`)
  const result = await pool.query<Row & Record<string, unknown>>({
    name: statement.name,
    text: statement.text,
    values: [...values],
  })
  return result.rows
}
