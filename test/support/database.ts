import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { createDatabase, type Database } from '../../src/db/client.ts'
import { adminQuery, databaseUrl } from './postgres-admin.ts'

export { adminQuery } from './postgres-admin.ts'

export interface TestDatabase {
  name: string
  url: string
  db: Database
  drop(): Promise<void>
}

/**
 * A fresh database for one test file, cloned from the migrated template that global-setup builds,
 * so files can run in parallel without seeing each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `grid_test_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`)
  const url = databaseUrl(name)
  const db = createDatabase(url, { maxConnections: 5 })
  return {
    name,
    url,
    db,
    async drop() {
      await db.$disconnect()
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}
