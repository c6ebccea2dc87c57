import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDate } from '../../../src/domain/calendar/local-date.ts'
import { defaultWorkingDayCalendar } from '../../../src/domain/calendar/working-day-calendar.ts'
import type { AreaNode } from '../../../src/domain/statistics/area-rollup.ts'
import { buildFigures, type Figures } from '../../../src/domain/statistics/figures.ts'
import {
  customPeriod,
  halfPeriod,
  monthPeriod,
  quarterPeriod,
  type StatisticsPeriod,
  yearPeriod,
} from '../../../src/domain/statistics/period.ts'
import type { StatisticsScope } from '../../../src/domain/statistics/scope.ts'
import { loadTallies } from '../../../src/services/statistics/rollup-tallies.ts'
import { loadTicketTallies } from '../../../src/services/statistics/ticket-tallies.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import {
  addMembership,
  createPerson,
  createRegion,
  createStation,
  intakeOf,
  type Region,
  type TestStation,
} from '../../support/world.ts'

let app: TestApp
let region: Region
let community: TestStation
let office: TestStation
let consumerId: number
let officeStaffId: number
let areas: Map<string, AreaNode>
const db = () => app.database.db
const today = localDate(2026, 7, 15)

/** A small deterministic generator (mulberry32): the same tickets on every run. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const STATUSES = ['RECEIVED', 'SETTLED_LOCALLY', 'ESCALATED', 'NOT_ACCEPTED', 'MEDIATING', 'AGREED', 'CLOSED'] as const
const CATEGORIES = ['FOOD_PACKAGED', 'CATERING_RESTAURANT', 'TELECOM_MOBILE', 'PREPAID_STORED_VALUE', null]
const GROUNDS = ['TIME_BARRED', 'PARTY_ABSENT_OR_REFUSES', null, null]

/**
 * 400 tickets from 2025-01 to 2026-06 with every kind, status, ground, missing value and late decision mixed, some of
 * them passed up from the liaison station to the 所.
 */
async function seedRandomTickets(next: () => number) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const days = (n: number) => n * 86_400_000
  const start = Date.parse('2025-01-01T00:00:00Z')
  const data = Array.from({ length: 400 }, (_, i) => {
    const submitted = new Date(start + Math.floor(next() * days(545)) + Math.floor(next() * 86_400) * 1000)
    const later = (max: number) =>
      next() < 0.7 ? new Date(submitted.getTime() + Math.floor(next() * days(max))) : null
    const decided = later(20)
    return {
      trackingNumber: `MS-R-${i}`,
      formId: `random-${i}`,
      kind: pick(['COMPLAINT', 'COMPLAINT', 'COMPLAINT', 'REPORT', 'INQUIRY'] as const),
      status: pick(STATUSES),
      consumerId,
      locale: 'zh-CN',
      respondentName: `商户${Math.floor(next() ** 3 * 30)}`,
      areaCode: pick([region.grid, region.otherGrid, region.community, null]),
      isOnline: next() < 0.3,
      categoryCode: pick(CATEGORIES),
      facts: 'random facts',
      rule: 'ORDER_121' as const,
      stationId: pick([community.id, office.id, office.id, null]),
      submittedAt: submitted,
      receivedAt: next() < 0.9 ? new Date(submitted.getTime() + Math.floor(next() * days(2))) : null,
      bureauReceivedAt: next() < 0.4 ? new Date(submitted.getTime() + Math.floor(next() * days(5))) : null,
      decisionDueOn: next() < 0.7 ? new Date(submitted.getTime() + days(7 + Math.floor(next() * 6))) : null,
      acceptedAt: decided && next() < 0.7 ? decided : null,
      decidedAt: decided,
      closedAt: later(60),
      closingOutcome: pick(['RESOLVED', 'UNRESOLVED', null] as const),
      ground: pick(GROUNDS),
      recoveredFen: next() < 0.4 ? BigInt(Math.floor(next() * 1_000_000)) : null,
      satisfaction: next() < 0.4 ? 1 + Math.floor(next() * 5) : null,
      updatedAt: new Date(submitted.getTime() + Math.floor(next() * days(30))),
    }
  })
  await db().complaint.createMany({ data })
  // About half of the 所's tickets a bureau received came up from the liaison station (上报): that station's own
  // figures count them as received and passed up by it.
  const received = await db().complaint.findMany({
    where: { formId: { startsWith: 'random-' }, stationId: office.id, bureauReceivedAt: { not: null } },
    orderBy: { trackingNumber: 'asc' },
  })
  await db().complaintEvent.createMany({
    data: received
      .filter(() => next() < 0.5)
      .map((ticket) => ({
        complaintId: ticket.id,
        actorRole: 'STAFF' as const,
        action: 'ESCALATE',
        fromStatus: 'RECEIVED' as const,
        toStatus: 'ESCALATED' as const,
        data: { fromStationId: community.id, toStationId: office.id },
        createdAt: ticket.bureauReceivedAt!,
      })),
  })
}

const PERIODS: [string, StatisticsPeriod][] = [
  ['year 2025', yearPeriod(2025)],
  ['first half of 2026', halfPeriod(2026, 1)],
  ['second quarter of 2025', quarterPeriod(2025, 2)],
  ['March 2025', monthPeriod(2025, 3)],
  ['11 February – 3 May 2025', customPeriod(localDate(2025, 2, 11), localDate(2025, 5, 3))],
  ['15 December 2025 – 20 January 2026', customPeriod(localDate(2025, 12, 15), localDate(2026, 1, 20))],
]

const scopes = (): [string, StatisticsScope][] => [
  ['the city', { level: 'CITY' }],
  ['the county', { level: 'COUNTY', districtCode: region.district }],
  ['the 所', { level: 'STATION', stationId: office.id }],
  ['the liaison station', { level: 'STATION', stationId: community.id }],
]

async function figuresFromRollup(period: StatisticsPeriod, scope: StatisticsScope): Promise<Figures> {
  return buildFigures(await loadTallies(db(), period, scope, today, true, defaultWorkingDayCalendar), areas)
}

async function figuresFromRows(period: StatisticsPeriod, scope: StatisticsScope): Promise<Figures> {
  return buildFigures(await loadTicketTallies(db(), period, scope, today, true, defaultWorkingDayCalendar), areas)
}

/** Every period × scope whose figures differ between the rollup reading and the rows. */
async function differences(): Promise<string[]> {
  const found: string[] = []
  for (const [periodName, period] of PERIODS) {
    for (const [scopeName, scope] of scopes()) {
      const [rolled, rows] = await Promise.all([figuresFromRollup(period, scope), figuresFromRows(period, scope)])
      for (const key of Object.keys(rows) as (keyof Figures)[]) {
        if (!isDeepStrictEqual(rolled[key], rows[key])) found.push(`${periodName}, ${scopeName}: ${key}`)
      }
    }
  }
  return found
}

const loggedDays = async () =>
  (await db().statisticsDirtyDay.findMany({ select: { day: true } })).map((d) => d.day.toISOString().slice(0, 10))

beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
  region = await createRegion(db())
  community = await createStation(db(), region, { kind: 'COMMUNITY_LIAISON_STATION' })
  office = await createStation(db(), region, { kind: 'MARKET_SUPERVISION_OFFICE' })
  consumerId = (await createPerson(app.services, '王小明')).id
  officeStaffId = (await createPerson(app.services, '市场监管所员工')).id
  await addMembership(db(), officeStaffId, office.id, 'STAFF')
  areas = new Map(
    (await db().area.findMany()).map((a) => [a.code, { level: a.level, parentCode: a.parentCode }] as const),
  )
  await seedRandomTickets(random(15))
})
afterAll(async () => {
  await app.close()
})

describe('the statistics rollup', () => {
  it('gives the figures the rows give, for every period and scope, before, after and between roll-ups', async () => {
    expect(await loggedDays()).not.toHaveLength(0)
    expect(await differences()).toEqual([])
    // The liaison station's year: the tickets it holds and those it passed up, each counted once.
    const in2025 = { gte: new Date('2024-12-31T16:00:00Z'), lt: new Date('2025-12-31T16:00:00Z') }
    const held = await db().complaint.count({ where: { stationId: community.id, submittedAt: in2025 } })
    const passedUp = await db().complaint.count({
      where: { stationId: office.id, submittedAt: in2025, events: { some: { action: 'ESCALATE' } } },
    })
    expect(passedUp).toBeGreaterThan(0)
    const liaisonYear = await figuresFromRows(yearPeriod(2025), { level: 'STATION', stationId: community.id })
    expect(liaisonYear.consultations + liaisonYear.complaintsAndReports).toBe(held + passedUp)

    const months = await app.services.statistics.rollUp()
    expect(months).toBeGreaterThanOrEqual(18)
    expect(await loggedDays()).toEqual([])
    expect(await db().statisticsMonth.count()).toBeGreaterThan(0)
    expect(await differences()).toEqual([])

    // Later changes to some tickets: their months are read from the rows until rolled up again.
    const next = random(16)
    const changed = await db().complaint.findMany({ where: { formId: { startsWith: 'random-' } }, take: 40 })
    for (const ticket of changed) {
      await db().complaint.update({
        where: { id: ticket.id },
        data: {
          status: STATUSES[Math.floor(next() * STATUSES.length)]!,
          decidedAt: next() < 0.5 ? null : new Date(ticket.submittedAt.getTime() + 9 * 86_400_000),
          recoveredFen: BigInt(Math.floor(next() * 50_000)),
          satisfaction: 1 + Math.floor(next() * 5),
          categoryCode: CATEGORIES[Math.floor(next() * CATEGORIES.length)]!,
        },
      })
    }
    expect(await loggedDays()).not.toHaveLength(0)
    expect(await differences()).toEqual([])
    await app.services.statistics.rollUp()
    expect(await loggedDays()).toEqual([])
    expect(await differences()).toEqual([])
  })

  it('reads a whole, unchanged month from the rollup, and a month with a logged change from the rows', async () => {
    await app.services.statistics.rollUp()
    const march = monthPeriod(2025, 3)
    const city: StatisticsScope = { level: 'CITY' }
    const before = await figuresFromRollup(march, city)
    // Only the rollup job writes statistics_month; a row changed behind its back shows only while it is read.
    await db().$executeRawUnsafe(
      "UPDATE statistics_month SET tickets = tickets + 1000 WHERE month = '2025-03-01' AND facet = 'CATEGORY' AND kind = 'INQUIRY' AND key1 = (SELECT min(key1) FROM statistics_month WHERE month = '2025-03-01' AND facet = 'CATEGORY' AND kind = 'INQUIRY')",
    )
    expect((await figuresFromRollup(march, city)).consultations).toBe(before.consultations + 1000)
    await db().statisticsDirtyDay.create({ data: { day: new Date('2025-03-31T00:00:00Z') } })
    expect((await figuresFromRollup(march, city)).consultations).toBe(before.consultations)
    await app.services.statistics.rollUp()
    expect(await figuresFromRollup(march, city)).toEqual(before)
  })

  it('counts a decision recorded on a later day in the month the ticket was received', async () => {
    // A region of its own whose only station is a 所: the complaint goes straight to the bureau.
    const bureauRegion = await createRegion(db())
    const bureau = await createStation(db(), bureauRegion, { kind: 'MARKET_SUPERVISION_OFFICE' })
    await addMembership(db(), officeStaffId, bureau.id, 'STAFF')
    const received = new Date('2026-03-31T02:00:00Z')
    const filed = await app.services.filing.fileComplaint(intakeOf(bureauRegion.grid), consumerId, received)
    if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
    const routed = await app.services.routing.routeComplaint(filed.complaint.id, received)
    if (routed.status !== 'routed') throw new Error(`routing failed: ${routed.status}`)
    await app.services.statistics.rollUp()
    const march = monthPeriod(2026, 3)
    const april = monthPeriod(2026, 4)
    const scope: StatisticsScope = { level: 'STATION', stationId: bureau.id }
    const marchBefore = await figuresFromRollup(march, scope)
    const aprilBefore = await figuresFromRollup(april, scope)

    const decided = await app.services.tickets.actOnTicket(
      { complaintId: filed.complaint.id, personId: officeStaffId, action: 'ACCEPT', input: {} },
      new Date('2026-04-03T02:00:00Z'),
    )
    expect(decided.status).toBe('done')
    expect(await loggedDays()).toEqual(['2026-03-31'])
    const marchAfter = await figuresFromRollup(march, scope)
    expect(marchAfter.accepted).toBe(marchBefore.accepted + 1)
    expect(marchAfter.decisionTime.count).toBe(marchBefore.decisionTime.count + 1)
    expect(await figuresFromRollup(april, scope)).toEqual(aprilBefore)

    await app.services.statistics.rollUp()
    expect(await loggedDays()).toEqual([])
    const rolled = await db().statisticsMonth.aggregate({
      where: { month: new Date('2026-03-01T00:00:00Z'), facet: 'CATEGORY', stationId: bureau.id },
      _sum: { accepted: true },
    })
    expect(rolled._sum.accepted).toBe(marchAfter.accepted)
    expect(await figuresFromRollup(march, scope)).toEqual(marchAfter)
    expect(await figuresFromRows(march, scope)).toEqual(marchAfter)
  })
})
