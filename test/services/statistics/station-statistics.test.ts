import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { yearPeriod } from '../../../src/services/statistics/station-statistics.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'

let app: TestApp
let staffA: number
let admin: number
let stranger: number

beforeAll(async () => {
  app = await createTestApp()
  const db = app.database.db
  const [a, b] = await Promise.all([
    db.station.create({ data: { code: 'A', kind: 'COMMUNITY_LIAISON_STATION', name: '通惠联络站' } }),
    db.station.create({ data: { code: 'B', kind: 'COMMUNITY_LIAISON_STATION', name: '苏祠联络站' } }),
  ])
  const person = (id: number) => app.services.people.identify({ telegramId: id, firstName: `P${id}` })
  const [s, ad, st, consumer] = await Promise.all([person(1), person(2), person(3), person(4)])
  staffA = s.id
  admin = ad.id
  stranger = st.id
  await db.membership.createMany({ data: [{ personId: staffA, stationId: a.id, role: 'STAFF' }, { personId: admin, stationId: b.id, role: 'ADMIN' }] })
  let n = 0
  const complaint = (stationId: string, data: Record<string, unknown>) =>
    db.complaint.create({
      data: {
        trackingNumber: `MS-20260301-${String(++n).padStart(4, '0')}`, formId: `f${n}`, kind: 'COMPLAINT', consumerId: consumer.id,
        locale: 'zh-CN', respondentName: 'Shop', facts: 'facts of the case', rule: 'ORDER_20', stationId,
        submittedAt: new Date('2026-03-01T02:00:00Z'), ...data,
      },
    })
  await complaint(a.id, { status: 'CLOSED', closingOutcome: 'RESOLVED', recoveredFen: 12050n, satisfaction: 5 })
  await complaint(a.id, { status: 'SETTLED_LOCALLY', recoveredFen: 5000n })
  await complaint(a.id, { kind: 'INQUIRY', status: 'ANSWERED' })
  await complaint(a.id, { status: 'RECEIVED', decisionDueOn: new Date('2026-03-10T00:00:00Z') })
  await complaint(a.id, { status: 'CLOSED', closingOutcome: 'RESOLVED', submittedAt: new Date('2025-06-01T00:00:00Z') })
  await complaint(b.id, { status: 'NOT_ACCEPTED' })
  // A complaint whose case (诉转案) was filed and decided, and its old-shape case ticket from before the migration.
  const origin = await complaint(a.id, { status: 'ACCEPTED' })
  const legacy = await complaint(a.id, { kind: 'REPORT', status: 'CASE_FILED', originId: origin.id, formId: `case:${origin.id}` })
  await db.enforcementCase.create({
    data: {
      caseNumber: legacy.trackingNumber, originComplaintId: origin.id, originKind: 'COMPLAINT', status: 'DECIDED', stationId: a.id, legacyTicketId: legacy.id,
      openedAt: new Date('2026-03-02T02:00:00Z'), filedAt: new Date('2026-03-03T02:00:00Z'), decidedAt: new Date('2026-05-01T02:00:00Z'), penaltyFen: 3_000_000n,
    },
  })
})
afterAll(async () => { await app.close() })

describe('station statistics', () => {
  it('give staff their own station’s figures for the year', async () => {
    const result = await app.services.statistics.forActor(staffA, null, yearPeriod(2026), new Date('2026-11-28T00:00:00Z'))
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.statistics.station?.code).toBe('A')
    expect(result.statistics.summary).toMatchObject({
      complaints: 4, inquiries: 1, reports: 0, resolved: 3, open: 2, settledLocally: 1, recoveredFen: 17050n, averageRating: 5,
      casesFiled: 1, complaintCases: 1, penaltyFen: 3_000_000n,
    })
    expect(result.statistics.overdueDecisions).toBe(1)
  })

  it('count only the year asked for', async () => {
    const result = await app.services.statistics.forActor(staffA, null, yearPeriod(2025))
    expect(result.ok && result.statistics.summary).toMatchObject({ complaints: 1, casesFiled: 0, penaltyFen: 0n })
  })

  it('refuse staff of another station and people without a role', async () => {
    const stationB = await app.database.db.station.findUniqueOrThrow({ where: { code: 'B' } })
    expect(await app.services.statistics.forActor(staffA, stationB.id, yearPeriod(2026))).toEqual({ ok: false, reason: 'NOT_STAFF' })
    expect(await app.services.statistics.forActor(stranger, null, yearPeriod(2026))).toEqual({ ok: false, reason: 'NOT_STAFF' })
  })

  it('give an admin the figures of every station', async () => {
    const result = await app.services.statistics.forActor(admin, null, yearPeriod(2026))
    expect(result.ok && result.statistics.summary).toMatchObject({ complaints: 5, reports: 0, unresolved: 1, casesFiled: 1 })
  })
})
