// Creating, migrating and dropping throw-away databases: shared by the test harness and the benchmarks.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A role that may CREATE DATABASE. */
export const ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

/** The URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs one statement as the admin role (CREATE/DROP DATABASE cannot run inside a transaction). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** Applies every migration with the stock `prisma migrate deploy` (through the offline schema engine). */
export function migrateDatabase(url: string): void {
  execFileSync('npx', ['prisma', 'migrate', 'deploy', '--config', 'prisma/prisma.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
  })
}
