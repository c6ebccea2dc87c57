/**
 * Due dates that move, as the people concerned are told, with the workers in this process and a clock the test
 * moves: a pause of the acceptance decision while the complainant proves their identity, a date counted into a year
 * whose holiday notice is not out (provisional) and recounted when it is imported, and the admins' weekly warning
 * while it is missing.
 */
import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { quietWindow, type TestGroup, type TestUser } from '../../../src/simulator/bot-api/index.ts'
import { cardOf, cardShows, SLOW } from '../../bot/tickets/ticket-world.ts'
import { deadlineKit } from '../../queue/support/deadline-world.ts'
import { createDeliveryWorld, type DeliveryWorld, eventually } from '../../queue/support/delivery-world.ts'
import { daysOff2027 } from '../../support/fixtures/notice-2027.ts'
import { SCALED_DOWN_LIMITS } from '../../support/runtime-in-process.ts'
import {
  addMembership,
  createPerson,
  createRegion,
  intakeOf,
  type Region,
  type TestStation,
} from '../../support/world.ts'

// Monday 2026-11-16, 08:00 in Shanghai: next year's holiday notice is not imported.
let now = new Date('2026-11-16T00:00:00Z')
/** Moves the clock of the services and workers to an Asia/Shanghai wall-clock time. */
const at = (shanghai: string) => {
  now = new Date(`${shanghai}+08:00`)
  return now
}

let world: DeliveryWorld
let region: Region
let office: TestStation & { group: TestGroup }
let staffId: number
let admin: TestUser
const { receivedByBureau, stationWithGroup } = deadlineKit(() => world)
const text = (message: Message | undefined) => message?.text ?? ''
const WARNING = /尚未导入 2027 年节假日安排/

beforeAll(async () => {
  world = await createDeliveryWorld({ now: () => now })
  const db = world.app.database.db
  region = await createRegion(db)
  office = await stationWithGroup(region, 'MARKET_SUPERVISION_OFFICE', '通惠市场监管所')
  staffId = (await createPerson(world.app.services, '李所长')).id
  await addMembership(db, staffId, office.id, 'STAFF')
  admin = world.tg.user({ firstName: '管理员', startedBot: true })
  await addMembership(db, (await createPerson(world.app.services, '管理员', admin.id)).id, office.id, 'ADMIN')
  await world.startWorkers({ limits: SCALED_DOWN_LIMITS, deadlineTickMs: 100 })
})
afterAll(async () => {
  await world.close()
})

/** A complaint filed in English about `business`, its card in the 所's group, as if the 所 received it on `day`. */
async function officeTicket(business: string, day: string, kind: 'COMPLAINT' | 'REPORT' = 'COMPLAINT') {
  const { user, personId } = await world.consumer({ languageCode: 'en' })
  const filed = await world.app.services.filing.fileComplaint(
    intakeOf(region.grid, { business, locale: 'en', kind }),
    personId,
  )
  if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
  const { id, trackingNumber } = filed.complaint
  const card = await cardOf(office.group, trackingNumber)
  await user.waitForText(trackingNumber, SLOW)
  await receivedByBureau(id, office.id, new Date(`${day}T10:00:00+08:00`))
  return { id, trackingNumber, user, card }
}

const waitIn = (chat: TestGroup | TestUser, pattern: RegExp) =>
  chat.waitFor((m) => pattern.test(text(m)), { ...SLOW, description: String(pattern) })

const dayDone = (day: string) =>
  eventually(
    async () =>
      expect(await world.app.database.db.deadlineRun.findUnique({ where: { key: `day:${day}` } })).not.toBeNull(),
    15_000,
  )

describe('due dates that move', () => {
  it("warns each admin privately, once a week from 1 November, that next year's holidays are not imported", async () => {
    expect(text(await waitIn(admin, WARNING))).toBe(
      '⚠️ 尚未导入 2027 年节假日安排。跨入 2027 年的期限暂按法定节假日计算并标为暂定。国务院办公厅通知公布后，请运行：npm run admin -- holidays import <文件.json>',
    )
    const warnings = () => admin.messages().filter((m) => WARNING.test(text(m))).length
    at('2026-11-18T09:00:00')
    await dayDone('2026-11-18')
    expect(warnings()).toBe(1)
    at('2026-11-23T09:00:00') // the next ISO week
    await eventually(() => expect(warnings()).toBe(2), 15_000)
  })

  it('tells the consumer in English when proof of identity stops the acceptance clock, and the new date after', async () => {
    // Received Tuesday 24 November: the acceptance decision is due Thursday 3 December.
    const ticket = await officeTicket('身份商店', '2026-11-24')
    const { pauses } = world.app.services.deadlines

    const started = await pauses.start(ticket.trackingNumber, staffId, 'IDENTITY_PROOF', at('2026-11-25T10:00:00'))
    expect(started).toMatchObject({ status: 'started', clock: 'DECISION', startedOn: '2026-11-25' })
    // Told what to send, and how, or the pause would never end.
    expect(text(await waitIn(ticket.user, /^⏸/))).toBe(
      `⏸ Your complaint ${ticket.trackingNumber}: the acceptance decision is paused from Wed, 25 November 2026 (waiting for the complainant's proof of identity). When it resumes, the due date moves by the time paused and you will be told the new date.\n\n📎 Please prove your identity soon: send /my, open ${ticket.trackingNumber}, press “➕ Add information” and send a photo of your identity document (or the other proof the station asks for). The station resumes the clock once it has checked it; to ask the station anything, reply to this message.`,
    )
    await cardShows(
      office.group,
      ticket.card,
      '⏸ 受理决定期限中止计算：等待投诉人提供身份证明，自 2026年11月25日周三 起。',
    )

    // 26, 27 and 30 November are not counted: due Tuesday 8 December.
    const ended = await pauses.end(ticket.trackingNumber, staffId, at('2026-11-30T10:00:00'))
    expect(ended).toMatchObject({ status: 'ended', pausedDays: 3, unit: 'WORKING_DAYS', dueOn: '2026-12-08' })
    expect(text(await waitIn(ticket.user, /^📅/))).toBe(
      `📅 Your complaint ${ticket.trackingNumber}: the acceptance decision is now due on Tue, 8 December 2026 (was Thu, 3 December 2026). Reason: waiting for the complainant's proof of identity is not counted.`,
    )
    await cardShows(
      office.group,
      ticket.card,
      '▶️ 等待投诉人提供身份证明 2026年11月25日周三 至 2026年11月30日周一，不计入期限（3 个工作日）；新期限 2026年12月8日周二。',
    )
    expect(ticket.user.messages().filter((m) => text(m).startsWith('⏸'))).toHaveLength(1)
  })

  it("records an admin's pause and its end as the admin's, not as station staff's", async () => {
    const ticket = await officeTicket('管理员暂停商店', '2026-11-24')
    const { pauses } = world.app.services.deadlines
    const adminId = (await world.app.services.people.identify({ telegramId: admin.id, firstName: '管理员' })).id
    expect(await pauses.start(ticket.trackingNumber, adminId, 'TESTING', at('2026-11-25T10:00:00'))).toMatchObject({
      status: 'not-pausable',
    })
    expect(
      await pauses.start(ticket.trackingNumber, adminId, 'IDENTITY_PROOF', at('2026-11-25T10:00:00')),
    ).toMatchObject({ status: 'started' })
    expect(await pauses.end(ticket.trackingNumber, adminId, at('2026-11-26T10:00:00'))).toMatchObject({
      status: 'ended',
    })
    const steps = await world.app.database.db.complaintEvent.findMany({
      where: { complaintId: ticket.id, action: { in: ['CLOCK_PAUSED', 'DUE_DATE_CHANGED'] } },
      select: { action: true, actorRole: true, actorId: true },
      orderBy: { id: 'asc' },
    })
    expect(steps).toEqual([
      { action: 'CLOCK_PAUSED', actorRole: 'ADMIN', actorId: adminId },
      { action: 'DUE_DATE_CHANGED', actorRole: 'ADMIN', actorId: adminId },
    ])
  })

  it('records the pause on the card even when the consumer blocked the bot', async () => {
    const ticket = await officeTicket('拉黑商店', '2026-11-30')
    const told = ticket.user.messages().length
    ticket.user.blockBot()
    const { pauses } = world.app.services.deadlines
    const started = await pauses.start(ticket.trackingNumber, staffId, 'IDENTITY_PROOF', at('2026-12-01T10:00:00'))
    expect(started).toMatchObject({ status: 'started' })
    await cardShows(office.group, ticket.card, '⏸ 受理决定期限中止计算')
    const event = await world.app.database.db.complaintEvent.findFirstOrThrow({
      where: { complaintId: ticket.id, action: 'CLOCK_PAUSED' },
    })
    // The message to the consumer is given up, not retried for ever.
    await eventually(
      async () =>
        expect(
          await world.app.database.db.outboxEntry.findUnique({ where: { jobId: `clock-paused-${event.id}` } }),
        ).toMatchObject({ status: 'DONE' }),
      15_000,
    )
    expect(ticket.user.messages()).toHaveLength(told)
  })

  it('marks a date counted into the unpublished year provisional in the digest and the reminder', async () => {
    // Received Thursday 24 December: with only 1 January off, the 7th working day is Tuesday 5 January 2027.
    const ticket = await officeTicket('跨年商店', '2026-12-24')
    at('2026-12-30T09:00:00')
    const digest = await waitIn(office.group, /^📅 .*2026年12月30日周三 期限提醒/)
    expect(text(digest)).toContain(
      `🟡 两个工作日内到期\n• ${ticket.trackingNumber} 跨年商店 — 受理决定 2027年1月5日周二（暂定：节假日安排尚未公布）`,
    )
    const reminder = await waitIn(office.group, new RegExp(`^⏰ .*${ticket.trackingNumber}`))
    expect(text(reminder)).toContain('受理决定期限为 2027年1月5日周二（暂定：节假日安排尚未公布）')
    expect(await world.app.services.deadlines.missingYear()).toBe(2027)
  })

  it('recounts the provisional dates when the notice is imported, telling the station and the consumer what they see', async () => {
    const act = (complaintId: string, action: string, day: string, input = {}) =>
      world.app.services.tickets.actOnTicket(
        { complaintId, personId: staffId, action, input },
        new Date(`${day}T10:00:00+08:00`),
      )
    // The acceptance decision: due Tuesday 5 January 2027, provisional.
    const decision = await officeTicket('跨年超市', '2026-12-24')
    // Accepted on 5 November, the 60 days of mediation end on Monday 4 January 2027; the 2 days of testing (1 to 3
    // December) are not counted: due Wednesday 6 January, provisional.
    const mediation = await officeTicket('调解超市', '2026-11-04')
    expect(await act(mediation.id, 'ACCEPT', '2026-11-05')).toMatchObject({ status: 'done' })
    const { pauses } = world.app.services.deadlines
    await pauses.start(mediation.trackingNumber, staffId, 'TESTING', new Date('2026-12-01T10:00:00+08:00'))
    await pauses.end(mediation.trackingNumber, staffId, new Date('2026-12-03T10:00:00+08:00'))
    // Mediation ended on 28 December: the notice of it is owed within 7 working days, by 7 January 2027.
    const ended = await officeTicket('终止超市', '2026-12-14')
    expect(await act(ended.id, 'ACCEPT', '2026-12-15')).toMatchObject({ status: 'done' })
    expect(await act(ended.id, 'END_MEDIATION', '2026-12-28', { ground: 'AGREEMENT_IMPOSSIBLE' })).toMatchObject({
      status: 'done',
    })
    // A report received on 1 December whose filing decision was extended by 15 working days: due 13 January 2027.
    const report = await officeTicket('举报超市', '2026-12-01', 'REPORT')
    expect(await act(report.id, 'EXTEND_FILING_DECISION', '2026-12-02', { note: '经负责人批准延长' })).toMatchObject({
      status: 'done',
    })
    const stored = async (id: string) => {
      const row = await world.app.database.db.complaint.findUniqueOrThrow({ where: { id } })
      return [row.mediationDueOn, row.terminationNoticeDueOn].map((date) => date?.toISOString().slice(0, 10))
    }
    expect(await stored(mediation.id)).toEqual(['2027-01-06', undefined])
    expect(await stored(ended.id)).toEqual([expect.any(String), '2027-01-07'])

    at('2026-12-30T10:00:00')
    // Monday 4 January is given off as well, with no make-up workday: every date after it moves a day.
    const imported = await world.app.services.deadlines.importYear(
      {
        year: 2027,
        source: '国务院办公厅关于2027年部分节假日安排的通知',
        holidays: daysOff2027('2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'),
        makeUpWorkdays: [],
      },
      'test',
    )
    expect(imported).toMatchObject({ year: 2027, holidays: 16, makeUpWorkdays: 0 })
    const station = await waitIn(office.group, new RegExp(`^📅 ${decision.trackingNumber} `))
    expect(text(station)).toBe(
      `📅 ${decision.trackingNumber} 的受理决定期限由 2027年1月5日周二 调整为 2027年1月6日周三（国务院办公厅公布了2027年节假日安排）。`,
    )
    expect(station.reply_to_message?.message_id).toBe(decision.card.message_id)
    expect(text(await waitIn(decision.user, /^📅/))).toBe(
      `📅 Your complaint ${decision.trackingNumber}: the acceptance decision is now due on Wed, 6 January 2027 (was Tue, 5 January 2027). Reason: the State Council published the 2027 holiday schedule.`,
    )
    // The 60 days and the 2 paused are calendar days (Order 121): they end on Wednesday 6 January, a working day
    // under the notice too, so that date stays (now final) and nobody is told of a change.
    expect(await stored(mediation.id)).toEqual(['2027-01-06', undefined])
    expect(text(await waitIn(office.group, new RegExp(`^📅 ${report.trackingNumber} `)))).toBe(
      `📅 ${report.trackingNumber} 的立案决定期限由 2027年1月13日周三 调整为 2027年1月14日周四（国务院办公厅公布了2027年节假日安排）。`,
    )
    // The reporter is told of their report, not of a "complaint".
    expect(text(await waitIn(report.user, /^📅.*State Council/))).toMatch(
      new RegExp(`^📅 Your report ${report.trackingNumber}: the .+ is now due on Thu, 14 January 2027 \\(was Wed, 13`),
    )
    // A ticket no longer being handled keeps its recounted date, and nobody is told.
    expect(await stored(ended.id)).toEqual([expect.any(String), '2027-01-08'])
    await quietWindow()
    expect(office.group.messages().filter((m) => text(m).startsWith(`📅 ${ended.trackingNumber}`))).toEqual([])
    expect(office.group.messages().filter((m) => text(m).startsWith(`📅 ${mediation.trackingNumber}`))).toEqual([])
    expect(ended.user.messages().filter((m) => text(m).startsWith('📅'))).toEqual([])
    expect(await world.app.services.deadlines.missingYear()).toBeNull()

    // A corrected notice (Wednesday 6 January off as well) moves the dates counted with the first one again.
    const corrected = await world.app.services.deadlines.importYear(
      {
        year: 2027,
        source: '国务院办公厅关于2027年部分节假日安排的通知（更正）',
        holidays: daysOff2027('2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-06'),
        makeUpWorkdays: [],
      },
      'test',
    )
    expect(corrected.moved).toBeGreaterThanOrEqual(3)
    expect(text(await waitIn(office.group, new RegExp(`^📅 ${decision.trackingNumber} .*2027年1月7日`)))).toBe(
      `📅 ${decision.trackingNumber} 的受理决定期限由 2027年1月6日周三 调整为 2027年1月7日周四（国务院办公厅公布了2027年节假日安排）。`,
    )
    // Wednesday 6 January is a day off now: the mediation period's last day moves to Thursday 7 January.
    expect(text(await waitIn(office.group, new RegExp(`^📅 ${mediation.trackingNumber} `)))).toBe(
      `📅 ${mediation.trackingNumber} 的调解期限由 2027年1月6日周三 调整为 2027年1月7日周四（国务院办公厅公布了2027年节假日安排）。`,
    )
    expect(text(await waitIn(mediation.user, /^📅.*State Council/))).toBe(
      `📅 Your complaint ${mediation.trackingNumber}: the mediation period is now due on Thu, 7 January 2027 (was Wed, 6 January 2027). Reason: the State Council published the 2027 holiday schedule.`,
    )
    expect(await stored(mediation.id)).toEqual(['2027-01-07', undefined])
  })
})
