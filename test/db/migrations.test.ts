import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

let testDb: TestDatabase
beforeAll(async () => {
  testDb = await createTestDatabase()
})
afterAll(async () => {
  await testDb.drop()
})

describe('migrations', () => {
  it('create every table of the data model in an empty database', async () => {
    const rows = await testDb.db.$queryRaw<Array<{ table_name: string }>>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'area',
        'attachment',
        'audit_log',
        'chat_message',
        'complaint',
        'complaint_event',
        'invite',
        'liaison_grid',
        'membership',
        'outbox_entry',
        'person',
        'platform',
        'station',
        'station_coverage',
        'tracking_sequence',
      ]),
    )
  })

  it('store money as whole fen without rounding', async () => {
    const person = await testDb.db.person.create({ data: { telegramId: 1n, displayName: 'x' } })
    const complaint = await testDb.db.complaint.create({
      data: {
        trackingNumber: 'MS-20261128-0001',
        formId: 'f1',
        kind: 'COMPLAINT',
        consumerId: person.id,
        locale: 'zh-CN',
        respondentName: 'Shop',
        facts: 'facts facts',
        rule: 'ORDER_121',
        amountFen: 12050n,
        recoveredFen: 9_999_999_999n,
      },
    })
    const stored = await testDb.db.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
    expect(stored.amountFen).toBe(12050n)
    expect(stored.recoveredFen).toBe(9_999_999_999n)
  })
})
