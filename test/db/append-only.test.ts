import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

// Raw SQL on a plain connection, as someone with a psql prompt would try it: the database itself refuses.
let testDb: TestDatabase
let sql: pg.Client
let complaintId: string

beforeAll(async () => {
  testDb = await createTestDatabase()
  sql = new pg.Client({ connectionString: testDb.url })
  await sql.connect()
  const person = await testDb.db.person.create({ data: { telegramId: 42n, displayName: '王小明' } })
  const complaint = await testDb.db.complaint.create({
    data: {
      trackingNumber: 'MS-20261202-0001',
      formId: 'append-only',
      kind: 'COMPLAINT',
      consumerId: person.id,
      locale: 'zh-CN',
      respondentName: 'Shop',
      facts: 'facts facts',
      rule: 'ORDER_121',
      events: { create: { actorId: person.id, actorRole: 'CONSUMER', action: 'SUBMIT', toStatus: 'SUBMITTED' } },
    },
  })
  complaintId = complaint.id
  await testDb.db.auditLog.create({
    data: { channel: 'CLI', actor: 'alice', action: 'invite.create', stationCode: 'DP-1' },
  })
})
afterAll(async () => {
  await sql.end()
  await testDb.drop()
})

const eventCount = async () =>
  Number((await sql.query('SELECT count(*) FROM complaint_event WHERE complaint_id = $1', [complaintId])).rows[0].count)

describe('the complaint history', () => {
  it('refuses UPDATE of an event', async () => {
    await expect(sql.query(`UPDATE complaint_event SET note = 'rewritten', action = 'ACCEPT'`)).rejects.toThrow(
      /complaint_event is append-only: UPDATE refused/,
    )
    const { rows } = await sql.query('SELECT action, note FROM complaint_event WHERE complaint_id = $1', [complaintId])
    expect(rows).toEqual([{ action: 'SUBMIT', note: null }])
  })

  it('refuses DELETE and TRUNCATE of events', async () => {
    await expect(sql.query('DELETE FROM complaint_event')).rejects.toThrow(/append-only: DELETE refused/)
    await expect(sql.query('TRUNCATE complaint_event CASCADE')).rejects.toThrow(/append-only: TRUNCATE refused/)
    expect(await eventCount()).toBe(1)
  })

  it('keeps a complaint with events from being deleted, instead of deleting its events with it', async () => {
    await expect(sql.query('DELETE FROM complaint WHERE id = $1', [complaintId])).rejects.toThrow(
      /foreign key constraint "complaint_event_complaint_id_fkey"/,
    )
    await expect(testDb.db.complaint.delete({ where: { id: complaintId } })).rejects.toThrow()
    expect(await eventCount()).toBe(1)
  })

  it('still takes new events', async () => {
    await sql.query(`INSERT INTO complaint_event (complaint_id, actor_role, action) VALUES ($1, 'SYSTEM', 'ROUTE')`, [
      complaintId,
    ])
    expect(await eventCount()).toBe(2)
  })
})

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql.query(`UPDATE audit_log SET actor = 'mallory'`)).rejects.toThrow(
      /audit_log is append-only: UPDATE refused/,
    )
    await expect(sql.query('DELETE FROM audit_log')).rejects.toThrow(/audit_log is append-only: DELETE refused/)
    await expect(sql.query('TRUNCATE audit_log')).rejects.toThrow(/audit_log is append-only: TRUNCATE refused/)
    expect((await sql.query('SELECT actor FROM audit_log')).rows).toEqual([{ actor: 'alice' }])
  })
})
