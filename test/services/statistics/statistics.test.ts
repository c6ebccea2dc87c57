import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '../../../src/domain/calendar/local-date.ts'
import { customPeriod, halfPeriod, monthPeriod } from '../../../src/domain/statistics/period.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { type StatisticsDataSet, seedStatisticsDataSet } from '../../support/fixtures/statistics-data-set.ts'

let app: TestApp
let data: StatisticsDataSet
const now = new Date('2026-04-01T04:00:00Z')
const march = monthPeriod(2026, 3)

beforeAll(async () => {
  app = await createTestApp()
  data = await seedStatisticsDataSet(app)
})
afterAll(async () => {
  await app.close()
})

async function figuresOf(
  personId: number,
  scope: Parameters<TestApp['services']['statistics']['forActor']>[1]['scope'],
  period = march,
) {
  const result = await app.services.statistics.forActor(personId, { scope }, period, now)
  if (!result.ok) throw new Error(`refused: ${result.reason}`)
  return result.report.figures
}

describe('the figures of a station for a month', () => {
  it('count consultations in 人次 and complaints and reports in 件, a 诉转案 never as a report', async () => {
    const { current } = await figuresOf(data.people.staffA, { level: 'STATION', stationId: data.stations.a })
    expect(current).toMatchObject({
      consultations: 2,
      complaints: 6,
      reports: 1,
      complaintsAndReports: 7,
      goods: 1,
      services: 1,
      online: 1,
      offline: 6,
      accepted: 3,
      notAccepted: 1,
      settledLocally: 1,
      escalated: 1,
      mediationAgreed: 1,
      mediationEnded: 1,
      recoveredFen: 512_050n,
      servicesRecoveredFen: 500_000n,
      complaintCases: 1,
      complaintCasePenaltyFen: 3_000_000n,
      casesFiled: 2,
      penaltyFen: 4_000_000n,
      overdue: 1,
      satisfaction: { mean: 4, count: 2, shareGood: 0.5 },
    })
    expect(current.settledLocallyShare).toBeCloseTo(1 / 6)
    expect(current.notAcceptedByGround).toEqual([{ ground: 'TIME_BARRED', count: 1 }])
    expect(current.mediationEndedByGround).toEqual([{ ground: 'PARTY_ABSENT_OR_REFUSES', count: 1 }])
    expect(current.decisionTime).toEqual({ count: 2, median: 1, p90: 2 })
    expect(current.hotspots[0]).toEqual({ respondentName: '乙商店', count: 5 })
  })

  it('break down by both category levels, by district and by street', async () => {
    const { current } = await figuresOf(data.people.staffA, { level: 'STATION', stationId: data.stations.a })
    expect(current.byCategoryGroup.map((g) => [g.code, g.complaintsAndReports])).toEqual([
      ['GOODS_FOOD', 1],
      ['SERVICE_CATERING_LODGING', 1],
      ['', 5],
    ])
    expect(current.byCategory.find((c) => c.code === 'CATERING_RESTAURANT')).toMatchObject({
      complaintsAndReports: 1,
      recoveredFen: 500_000n,
    })
    expect(current.byDistrict).toEqual([
      { code: '511402', complaintsAndReports: 7, consultations: 2, recoveredFen: 512_050n },
    ])
    expect(current.byStreet[0]).toMatchObject({ code: '511402001', complaintsAndReports: 7 })
  })

  it('stand next to the same month a year earlier and the month before', async () => {
    const { yearEarlier, previous } = await figuresOf(data.people.staffA, {
      level: 'STATION',
      stationId: data.stations.a,
    })
    expect(yearEarlier).toMatchObject({ complaintsAndReports: 2, consultations: 1 })
    expect(previous).toMatchObject({ complaintsAndReports: 1, consultations: 0 })
  })
})

describe('periods and scopes', () => {
  it('count a half-year and a custom range by the Asia/Shanghai date received', async () => {
    const half = await figuresOf(data.people.admin, { level: 'CITY' }, halfPeriod(2026, 1))
    expect(half.current.complaintsAndReports).toBe(7 + 1 + 2)
    const range = await figuresOf(
      data.people.admin,
      { level: 'CITY' },
      customPeriod(localDate(2026, 3, 15), localDate(2026, 3, 31)),
    )
    expect(range.current).toMatchObject({ complaintsAndReports: 2, consultations: 1 })
  })

  it('give the city every station and a county its district’s stations', async () => {
    const city = await figuresOf(data.people.admin, { level: 'CITY' })
    expect(city.current.complaintsAndReports).toBe(8)
    expect(city.current.byStation.map((s) => [s.code, s.complaintsAndReports])).toEqual([
      [data.stations.a, 7],
      [data.stations.b, 1],
    ])
    const county = await figuresOf(data.people.officeStaff, { level: 'COUNTY', districtCode: '511402' })
    expect(county.current.complaintsAndReports).toBe(7)
  })

  it('let a 所’s staff read its county and the stations in it, but not another county', async () => {
    expect(await app.services.statistics.resolveScope(data.people.officeStaff, null, null)).toEqual({
      ok: true,
      scope: { level: 'COUNTY', districtCode: '511402' },
    })
    expect(
      (
        await app.services.statistics.resolveScope(
          data.people.officeStaff,
          { level: 'STATION', stationId: data.stations.a },
          null,
        )
      ).ok,
    ).toBe(true)
    expect(
      await app.services.statistics.resolveScope(
        data.people.officeStaff,
        { level: 'COUNTY', districtCode: '511421' },
        null,
      ),
    ).toEqual({ ok: false, reason: 'NOT_STAFF' })
    expect(await app.services.statistics.resolveScope(data.people.officeStaff, { level: 'CITY' }, null)).toEqual({
      ok: false,
      reason: 'NOT_STAFF',
    })
  })

  it('refuse staff of another station, people without a role, and a station group someone is not staff of', async () => {
    const stats = app.services.statistics
    expect(
      await stats.forActor(data.people.staffB, { scope: { level: 'STATION', stationId: data.stations.a } }, march, now),
    ).toEqual({ ok: false, reason: 'NOT_STAFF' })
    expect(await stats.forActor(data.people.staffB, { groupStationId: data.stations.a }, march, now)).toEqual({
      ok: false,
      reason: 'NOT_STAFF',
    })
    expect(await stats.forActor(data.people.stranger, {}, march, now)).toEqual({ ok: false, reason: 'NOT_STAFF' })
    expect(await stats.forActor(data.people.staffA, { scope: { level: 'CITY' } }, march, now)).toEqual({
      ok: false,
      reason: 'NOT_STAFF',
    })
  })
})
