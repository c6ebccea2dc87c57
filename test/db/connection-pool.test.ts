import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/sql.ts'
import { adminQuery, createTestDatabase, type TestDatabase } from '../support/database.ts'

let database: TestDatabase
beforeAll(async () => {
  database = await createTestDatabase()
})
afterAll(async () => {
  await database.drop()
})

const BACKEND = { name: 'test-backend-pid', text: 'SELECT pg_backend_pid() AS pid' }

describe('the connection pool shared by Prisma and the hot statements', () => {
  it('survives PostgreSQL ending its idle connections, and the next statements run on new ones', async () => {
    const [before] = await queryRows<{ pid: number }>(database.db, BACKEND, [])
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}' AND pid <> pg_backend_pid()`,
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    const [after] = await queryRows<{ pid: number }>(database.db, BACKEND, [])
    expect(after?.pid).toBeTypeOf('number')
    expect(after?.pid).not.toBe(before?.pid)
    expect(await database.db.person.count()).toBe(0)
  })
})
