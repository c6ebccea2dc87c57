import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.ts'

export type Database = PrismaClient
export { Prisma } from '../generated/prisma/client.ts'

/** A Prisma client over node-postgres; no native query engine is involved. */
export function createDatabase(databaseUrl: string, options: { maxConnections?: number } = {}): Database {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 })
  return new PrismaClient({ adapter })
}

/** True when PostgreSQL answers within the timeout. */
export async function databaseIsReachable(db: Database, timeoutMs = 2000): Promise<boolean> {
  return withTimeout(db.$queryRaw`SELECT 1`.then(() => true), timeoutMs).catch(() => false)
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
    promise.then(resolve, reject).finally(() => clearTimeout(timer))
  })
}
