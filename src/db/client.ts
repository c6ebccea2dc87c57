import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import type { Logger } from '../logging/logger.ts'
import { queryRows, registerPool } from './sql.ts'

export type Database = PrismaClient
export { Prisma } from '../generated/prisma/client.ts'

/**
 * A Prisma client over a node-postgres pool; no native query engine is involved. The few hot statements of
 * src/db/sql.ts share the pool. Disconnecting the client ends the pool.
 */
export function createDatabase(databaseUrl: string, options: { maxConnections?: number; log?: Logger } = {}): Database {
  // JIT off: every statement here is short, and on the statistics statements (large row estimates, many
  // expressions) compiling took seconds for a query that runs in milliseconds (docs/performance.md).
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10, options: '-c jit=off' })
  // An idle connection that dies (PostgreSQL restarted, an administrator ended it) is dropped by the pool and
  // replaced at the next query; unlistened, node-postgres would rethrow the error and end the process.
  pool.on('error', (error) =>
    options.log?.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
  )
  const db = new PrismaClient({ adapter: new PrismaPg(pool) })
  registerPool(db, pool)
  const disconnect = db.$disconnect.bind(db)
  db.$disconnect = async () => {
    await disconnect()
    if (!pool.ended) await pool.end()
  }
  return db
}

/** True when PostgreSQL answers within the timeout (on the pool: /healthz need not load Prisma's query compiler). */
export async function databaseIsReachable(db: Database, timeoutMs = 2000): Promise<boolean> {
  return withTimeout(
    queryRows(db, { name: 'ping', text: 'SELECT 1' }, []).then(() => true),
    timeoutMs,
  ).catch(() => false)
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
    promise.then(resolve, reject).finally(() => clearTimeout(timer))
  })
}
