// A throw-away PostgreSQL database for one benchmark run: created, migrated, seeded with the demo region, dropped.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { seedDemoRegion } from '../../prisma/seed.ts'
import { createDatabase, type Database } from '../../src/db/client.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** A role that may CREATE DATABASE; the same default as the tests. */
export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export interface BenchDatabase {
  url: string
  db: Database
  drop(): Promise<void>
}

/** Creates, migrates and seeds a database of its own. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `grid_bench_${randomBytes(5).toString('hex')}`
  await admin(`CREATE DATABASE "${name}"`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  execFileSync('npx', ['prisma', 'migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url.toString() }, stdio: 'pipe' })
  const db = createDatabase(url.toString())
  const seeded = await seedDemoRegion(db)
  if (!seeded.ok) throw new Error('the demo region did not import')
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.$disconnect()
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}
