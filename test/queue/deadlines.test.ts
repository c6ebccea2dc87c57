import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultWorkingDayCalendar, parseLocalDate } from '../../src/domain/calendar/index.ts'
import type { TestGroup } from '../../src/simulator/bot-api/index.ts'
import type { DeliveryLimits } from '../../src/telegram/sending/delivery-limits.ts'
import { daysOff2027 } from '../support/fixtures/notice-2027.ts'
import { flushRedisPrefix } from '../support/redis.ts'
import { type BotProcess, spawnBot } from '../support/spawn-bot.ts'
import { createSharedClock, d, deadlineKit, texts } from './support/deadline-world.ts'
import {
  AREAS,
  createDeliveryWorld,
  type DeliveryWorld,
  eventually,
  type StationHandle,
} from './support/delivery-world.ts'

const clock = createSharedClock(new Date('2026-09-28T02:00:00Z'))
const at = clock.at
// Telegram's limits with the windows scaled down (as in delivery.test.ts), so a busy group does not wait a minute.
const FAST: DeliveryLimits = {
  global: { limit: 100, windowMs: 1000 },
  privateChat: [{ limit: 1, windowMs: 100 }],
  groupChat: [
    { limit: 1, windowMs: 100 },
    { limit: 20, windowMs: 2000 },
  ],
  marginMs: 20,
}

let world: DeliveryWorld
let office: StationHandle
let workers: BotProcess[] = []
const { routedComplaint, receivedByBureau } = deadlineKit(() => world)

/** A complaint the 所 accepted on 2026-11-16 and is mediating, its mediation due on `due`, and a staff member there. */
async function inMediationAtTheOffice(business: string, due: string) {
  const db = world.app.database.db
  const ticket = await routedComplaint(AREAS.grid4, office.group!, business)
  await db.complaint.update({
    where: { id: ticket.id },
    data: {
      status: 'MEDIATING',
      stationId: office.id,
      bureauReceivedAt: d('2026-11-13'),
      acceptedAt: d('2026-11-16'),
      mediationDueOn: d(due),
      mediationDueFinal: true,
    },
  })
  const staffUser = world.tg.user({ startedBot: true })
  const staff = await world.app.services.people.identify({ telegramId: staffUser.id, firstName: '李所长' })
  await db.membership.create({ data: { personId: staff.id, stationId: office.id, role: 'STAFF' } })
  return { ticket, staff }
}

beforeAll(async () => {
  world = await createDeliveryWorld({ now: clock.now })
  const db = world.app.database.db
  // A 市场监管所 (a bureau station under the Dongpo county center) covering 苏祠街道.
  const group = world.tg.group({ title: '苏祠市场监管所', botIsAdmin: true })
  const station = await db.station.create({
    data: {
      code: 'DP-SUCI-SO',
      kind: 'MARKET_SUPERVISION_OFFICE',
      name: '东坡区市场监督管理局苏祠市场监管所',
      districtCode: AREAS.dongpo,
      chatId: BigInt(group.id),
      boundAt: new Date(),
      coverages: { create: [{ areaCode: AREAS.xiaoxi }] },
    },
  })
  office = { id: station.id, code: station.code, group }
  // Two worker processes over the same Redis prefix and database, sharing the work.
  const env = world.workerEnv({
    TEST_CLOCK_FILE: clock.file,
    TEST_DEADLINE_TICK_MS: '150',
    TEST_DELIVERY_LIMITS: JSON.stringify(FAST),
  })
  workers = [
    spawnBot('test/support/clocked-worker-process.ts', env),
    spawnBot('test/support/clocked-worker-process.ts', env),
  ]
  await Promise.all(workers.map((worker) => worker.waitForLine(/clocked worker started/, { timeout: 60_000 })))
  expect(new Set(workers.map((worker) => worker.pid)).size).toBe(2)
}, 90_000)
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()))
  await world.close()
  clock.remove()
})

describe('deadlines at work', () => {
  it('reminds 2026-10-09 and 2026-10-13 at 09:00, not on the holidays, and marks it overdue on 10-14 (Redis emptied meanwhile)', async () => {
    const db = world.app.database.db
    const ticket = await routedComplaint(AREAS.grid4, office.group!, '苏祠超市')
    // Routing stamps the receipt with the services' clock: the 7 working days run from Monday 28 September.
    const received = await world.app.database.db.complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    expect([received.bureauReceivedAt, received.decisionDueOn?.toISOString().slice(0, 10)]).toEqual([
      new Date('2026-09-28T02:00:00Z'),
      '2026-10-13',
    ])
    const reminders = () => texts(office.group!, new RegExp(`⏰.*${ticket.trackingNumber}`))

    at('2026-10-05T09:30:00') // National Day holiday
    expect(await world.app.services.deadlines.runDay()).toEqual({ status: 'not-working-day' })
    at('2026-10-08T09:30:00') // 4 working days before: nothing yet
    await eventually(
      async () => expect(await db.deadlineRun.findUnique({ where: { key: 'day:2026-10-08' } })).not.toBeNull(),
      10_000,
    )
    at('2026-10-09T08:59:00') // before the reminder time: the schedule waits
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(reminders()).toHaveLength(0)
    at('2026-10-09T09:00:00')
    await office.group!.waitForText(/期限提醒.*还剩 3 个工作日/, { timeout: 15_000 })

    // Redis loses everything between the scheduling and the due day: the schedule is rebuilt from PostgreSQL.
    await flushRedisPrefix(world.app.redisPrefix)
    at('2026-10-13T09:00:05')
    await office.group!.waitForText(/今日到期/, { timeout: 15_000 })

    at('2026-10-14T09:01:00')
    const center = world.stations.dongpoCenter.group!
    await center.waitForText(new RegExp(`超期督办[\\s\\S]*${ticket.trackingNumber}`), { timeout: 15_000 })
    const card = office.group!.messages().find((m) => (m.text ?? '').startsWith(`📋 ${ticket.trackingNumber}`))!
    await eventually(() => expect(office.group!.message(card.message_id)?.text).toContain('已超期'), 15_000)

    // Another tick period later: still exactly one of each, one overdue event.
    await new Promise((resolve) => setTimeout(resolve, 800))
    expect(reminders()).toHaveLength(2)
    expect(texts(center, ticket.trackingNumber)).toHaveLength(1)
    expect(await db.complaintEvent.count({ where: { complaintId: ticket.id, action: 'DEADLINE_OVERDUE' } })).toBe(1)
    expect(await db.deadlineNotice.count({ where: { complaintId: ticket.id } })).toBe(3)
    expect(await world.app.services.deadlines.runDay()).toEqual({ status: 'already-done' })
  })

  it('sends one digest per station group with the right lines, none to a station with nothing due', async () => {
    const db = world.app.database.db
    const county = world.stations.dongpoCenter
    const city = world.stations.cityCenter
    const quiet = world.stations.pengshanCenter
    // Received on these dates, each clock is 7 working days later.
    const plan: Array<[StationHandle, string, string]> = [
      [office, '2026-10-29T10:00:00Z', '今日到期商店'], // due 11-09
      [office, '2026-11-02T10:00:00Z', '近期到期商店'], // due 11-11
      [county, '2026-10-26T10:00:00Z', '超期商店'], // due 11-04
      [county, '2026-11-06T10:00:00Z', '以后到期商店'], // due 11-17
      [city, '2026-11-03T10:00:00Z', '市级近期商店'], // due 11-12
      [quiet, '2026-11-06T10:00:00Z', '彭山以后商店'], // due 11-17
    ]
    const tickets = []
    for (const [station, receivedAt, name] of plan) {
      const ticket = await routedComplaint(AREAS.grid4, office.group!, name)
      await receivedByBureau(ticket.id, station.id, new Date(receivedAt))
      tickets.push({ ...ticket, name, station })
    }
    const digests = (group: TestGroup) => texts(group, '期限提醒').filter((m) => (m.text ?? '').startsWith('📅'))
    const before = {
      office: digests(office.group!).length,
      county: digests(county.group!).length,
      city: digests(city.group!).length,
    }
    at('2026-11-09T09:00:00')
    await eventually(() => expect(digests(city.group!).length).toBe(before.city + 1), 15_000)
    await eventually(() => expect(digests(county.group!).length).toBe(before.county + 1), 15_000)
    await eventually(() => expect(digests(office.group!).length).toBe(before.office + 1), 15_000)
    const officeDigest = digests(office.group!).at(-1)!.text!
    expect(officeDigest).toContain('今日到期商店')
    expect(officeDigest).toContain('近期到期商店')
    const countyDigest = digests(county.group!).at(-1)!.text!
    expect(countyDigest).toMatch(/已超期[\s\S]*超期商店/)
    expect(countyDigest).not.toContain('以后到期商店')
    expect(digests(city.group!).at(-1)!.text).toContain('市级近期商店')
    expect(digests(quiet.group!)).toHaveLength(0)
    // Each line has a button opening the ticket's card.
    const markup = JSON.stringify(digests(office.group!).at(-1)!.reply_markup)
    expect(markup).toContain('https://t.me/c/')
    expect(await db.deadlineRun.count({ where: { key: 'day:2026-11-09' } })).toBe(1)
  })

  it('moves a community stage past its local target to the bureau and tells the consumer once', async () => {
    const db = world.app.database.db
    const grid1 = world.stations.grid1
    const ticket = await routedComplaint(AREAS.grid1, grid1.group!, '社区小卖部')
    await db.complaint.update({
      where: { id: ticket.id },
      data: { localTargetOn: d('2026-11-10'), bureauReceivedAt: null, decisionDueOn: null },
    })
    const told = () => ticket.user.messages().filter((m) => (m.text ?? '').includes(ticket.trackingNumber)).length
    const before = told()
    at('2026-11-11T09:00:00')
    await eventually(
      async () => expect((await db.complaint.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('ESCALATED'),
      15_000,
    )
    const moved = await db.complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    expect(moved.stationId).not.toBe(grid1.id)
    expect(moved.bureauReceivedAt).not.toBeNull()
    expect(moved.decisionDueOn?.toISOString().slice(0, 10)).toBe(
      defaultWorkingDayCalendar.addWorkingDays(parseLocalDate('2026-11-11'), 7).date,
    )
    await eventually(() => expect(told()).toBe(before + 1), 15_000)
    at('2026-11-12T09:00:00')
    await eventually(
      async () => expect(await db.deadlineRun.findUnique({ where: { key: 'day:2026-11-12' } })).not.toBeNull(),
      10_000,
    )
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(told()).toBe(before + 1)
    expect(await db.complaintEvent.count({ where: { complaintId: ticket.id, action: 'ESCALATE' } })).toBe(1)
  })

  it('moves the 60-day mediation due date by the calendar days of testing (day 3 to day 10), for bureau staff only', async () => {
    const db = world.app.database.db
    const { pauses } = world.app.services.deadlines
    const acceptedOn = parseLocalDate('2026-11-16')
    const due = defaultWorkingDayCalendar.addCalendarDays(acceptedOn, 60).date
    const { ticket, staff } = await inMediationAtTheOffice('检测商店', due)
    const liaisonUser = world.tg.user({ startedBot: true })
    const outsider = await world.app.services.people.identify({ telegramId: liaisonUser.id, firstName: '社区站长' })
    await db.membership.create({ data: { personId: outsider.id, stationId: world.stations.grid1.id, role: 'STAFF' } })

    const day3 = defaultWorkingDayCalendar.addWorkingDays(acceptedOn, 3).date
    const day10 = defaultWorkingDayCalendar.addWorkingDays(acceptedOn, 10).date
    expect(
      await pauses.start(ticket.trackingNumber, outsider.id, 'TESTING', new Date(`${day3}T10:00:00+08:00`)),
    ).toEqual({ status: 'forbidden' })
    expect(
      await pauses.start(ticket.trackingNumber, staff.id, 'TESTING', new Date(`${day3}T10:00:00+08:00`)),
    ).toMatchObject({ status: 'started', clock: 'MEDIATION' })
    expect(await pauses.start(ticket.trackingNumber, staff.id, 'TESTING', new Date(`${day3}T11:00:00+08:00`))).toEqual({
      status: 'already-paused',
    })
    // The consumer is told the clock stopped, once, in their language.
    const paused = await ticket.user.waitFor(
      (m) => (m.text ?? '').startsWith('⏸') && (m.text ?? '').includes(ticket.trackingNumber),
      { timeout: 15_000 },
    )
    expect(paused.text).toMatch(/检测、检验、鉴定|testing, inspection or appraisal/)
    const ended = await pauses.end(ticket.trackingNumber, staff.id, new Date(`${day10}T10:00:00+08:00`))
    // Order 121's mediation period is 60 days: the calendar days from Thursday 19 to Monday 30 November (11) are not
    // counted, from acceptance (not 7 working days added to the 60th day).
    const pausedDays = (Date.parse(day10) - Date.parse(day3)) / 86_400_000
    expect(pausedDays).toBe(11)
    const movedDue = defaultWorkingDayCalendar.addCalendarDays(acceptedOn, 60 + pausedDays).date
    expect(ended).toMatchObject({ status: 'ended', pausedDays, unit: 'CALENDAR_DAYS', dueOn: movedDue })
    const stored = await db.complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    expect(stored.mediationDueOn?.toISOString().slice(0, 10)).toBe(movedDue)
    const card = office.group!.messages().find((m) => (m.text ?? '').startsWith(`📋 ${ticket.trackingNumber}`))!
    await eventually(
      () => expect(office.group!.message(card.message_id)?.text).toContain(`不计入期限（${pausedDays} 天）`),
      15_000,
    )
    // The consumer's /my detail shows the pause next to the new date.
    const detail = await world.app.services.tickets.consumer.complaintDetail(stored.consumerId, ticket.id)
    expect(detail?.pause).toMatchObject({ clock: 'MEDIATION', reason: 'TESTING', startedOn: day3, endedOn: day10 })
    expect(detail?.pause?.pausedDays).toBe(pausedDays)
    expect(detail?.mediationDueOn).toBe(movedDue)
    await ticket.user.waitFor(
      (m) => (m.text ?? '').startsWith('📅') && (m.text ?? '').includes(ticket.trackingNumber),
      {
        timeout: 15_000,
      },
    )
    expect(ticket.user.messages().filter((m) => (m.text ?? '').startsWith('⏸'))).toHaveLength(1)
  })

  it('tells the consumer the clock runs again when a pause ends the day it began, with the date unchanged', async () => {
    const { pauses } = world.app.services.deadlines
    const due = '2027-01-15'
    const { ticket, staff } = await inMediationAtTheOffice('当天恢复商店', due)
    await pauses.start(ticket.trackingNumber, staff.id, 'TESTING', new Date('2026-11-20T09:00:00+08:00'))
    expect(await pauses.end(ticket.trackingNumber, staff.id, new Date('2026-11-20T16:00:00+08:00'))).toMatchObject({
      status: 'ended',
      pausedDays: 0,
      dueOn: due,
    })
    const resumed = await ticket.user.waitFor(
      (m) => (m.text ?? '').startsWith('▶️') && (m.text ?? '').includes(ticket.trackingNumber),
      { timeout: 15_000 },
    )
    expect(resumed.text).toMatch(/已恢复计算，仍为 2027年1月15日|running again and is still due on/)
  })

  it('counts into 2027 provisionally and recounts stored dates when the 2027 notice is imported', async () => {
    const db = world.app.database.db
    const ticket = await routedComplaint(AREAS.grid4, office.group!, '跨年商店')
    // Received 2026-12-28: 7 working days skip 1 Jan 2027 (statutory) → 2027-01-07, provisional.
    await receivedByBureau(ticket.id, office.id, new Date('2026-12-28T02:00:00Z'))
    const before = await db.complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    expect(before.decisionDueOn?.toISOString().slice(0, 10)).toBe('2027-01-07')
    expect(before.dueDatesFinal).toBe(false)
    at('2026-12-29T10:00:00')
    // A hypothetical notice giving 4 January off as well.
    const result = await world.app.services.deadlines.importYear(
      {
        year: 2027,
        source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
        holidays: daysOff2027('2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'),
        makeUpWorkdays: ['2027-01-09'],
      },
      'test',
    )
    expect(result).toMatchObject({ year: 2027, moved: expect.any(Number) })
    const after = await db.complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    // 12-29, 12-30, 12-31, (1-1..1-4 off), 1-5, 1-6, 1-7, 1-8 → the 7th working day is 1-8.
    expect(after.decisionDueOn?.toISOString().slice(0, 10)).toBe('2027-01-08')
    expect(after.dueDatesFinal).toBe(true)
    const events = await db.complaintEvent.findMany({ where: { complaintId: ticket.id, action: 'DUE_DATE_CHANGED' } })
    expect(events).toHaveLength(1)
    expect(events[0]!.data).toMatchObject({ clock: 'DECISION', from: '2027-01-07', to: '2027-01-08', year: 2027 })
    await office.group!.waitForText(/跨年|2027-01-08/, { timeout: 15_000 })
    await expect(
      world.app.services.deadlines.importYear(
        { year: 2027, source: 'x', holidays: ['2027-01-09'], makeUpWorkdays: ['2027-01-09', '2027-01-11'] },
        'test',
      ),
    ).rejects.toThrow(/both a holiday and a make-up workday[\s\S]*weekday/)
  })
})
