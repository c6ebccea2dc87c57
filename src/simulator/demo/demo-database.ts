/**
 * The demo's own database: created and migrated when missing, seeded with the 眉山 directory and the cast, then
 * copied to a template so that Reset is one DROP + CREATE … TEMPLATE (well under a second).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const MIGRATIONS = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url))

export interface DemoDatabase {
  name: string
  url: string
}

/** Where the demo's database lives: DEMO_DATABASE (name, default grid12315_demo) on DEMO_ADMIN_DATABASE_URL's server. */
export function demoDatabase(env: NodeJS.ProcessEnv): DemoDatabase & { adminUrl: string } {
  const adminUrl = env.DEMO_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
  const name = env.DEMO_DATABASE ?? 'grid12315_demo'
  if (!/^[a-z][a-z0-9_]{0,50}$/.test(name))
    throw new Error(`DEMO_DATABASE=${name}: use lower-case letters, digits and _`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { name, url: url.toString(), adminUrl }
}

const templateOf = (name: string): string => `${name}_template`

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Drops and recreates the database empty, then applies every migration's SQL in order. The demo database is
 * rebuilt on every start, so it skips `prisma migrate deploy` (its offline schema engine takes most of a minute on
 * a small machine) and its bookkeeping table; the SQL is the same.
 */
export async function recreateAndMigrate(db: DemoDatabase & { adminUrl: string }): Promise<void> {
  await admin(db.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`)
    await client.query(`DROP DATABASE IF EXISTS ${templateOf(db.name)} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${db.name}`)
  })
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    const folders = readdirSync(MIGRATIONS, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
    for (const folder of folders) await client.query(readFileSync(join(MIGRATIONS, folder, 'migration.sql'), 'utf8'))
  } finally {
    await client.end()
  }
}

/** Keeps the seeded state as the template Reset copies from (nobody may be connected to the database). */
export async function saveAsTemplate(db: DemoDatabase & { adminUrl: string }): Promise<void> {
  await admin(db.adminUrl, (client) => client.query(`CREATE DATABASE ${templateOf(db.name)} TEMPLATE ${db.name}`))
}

/** Replaces the database with a copy of its template (connections to it are ended). */
export async function restoreFromTemplate(db: DemoDatabase & { adminUrl: string }): Promise<void> {
  await admin(db.adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`)
    await client.query(`CREATE DATABASE ${db.name} TEMPLATE ${templateOf(db.name)}`)
  })
}
