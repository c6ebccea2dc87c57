// A throw-away PostgreSQL database for one benchmark run: created, migrated, seeded with the demo region, dropped.
import { randomBytes } from 'node:crypto'
import { seedDemoRegion } from '../../prisma/seed.ts'
import { createDatabase, type Database } from '../../src/db/client.ts'
import { adminQuery, databaseUrl, migrateDatabase } from '../../test/support/postgres-admin.ts'

export interface BenchDatabase {
  url: string
  db: Database
  drop(): Promise<void>
}

/** Creates, migrates and seeds a database of its own. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `grid_bench_${randomBytes(5).toString('hex')}`
  await adminQuery(`CREATE DATABASE "${name}"`)
  const url = databaseUrl(name)
  migrateDatabase(url)
  const db = createDatabase(url)
  const seeded = await seedDemoRegion(db)
  if (!seeded.ok) throw new Error('the demo region did not import')
  return {
    url,
    db,
    async drop() {
      await db.$disconnect()
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}

/** The benchmarks' key for identity-document numbers (32 bytes, base64); the numbers they file are made up. */
export const BENCH_ID_ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64')
