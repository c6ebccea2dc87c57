import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDateOf } from '../../../src/domain/calendar/local-date.ts'
import { activeWorkingDayCalendar } from '../../../src/domain/calendar/working-day-calendar.ts'
import { dueAfterPause } from '../../../src/domain/deadlines/clock-pause.ts'
import { createTranslator, type Translator } from '../../../src/i18n/translator.ts'
import { deadlineLines } from '../../../src/services/deadlines/card-lines.ts'
import { clockPauseCallback } from '../../../src/telegram/callback-data/clock-pause.ts'
import { renderTicketCard } from '../../../src/telegram/render/ticket-card.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { callsOf, createInProcessBot, type InProcessBot, type RecordedCall } from '../../support/in-process-bot.ts'
import { addMembership, createRegion, createStation, intakeOf, seedAreas } from '../../support/world.ts'

// 2026-09-28 is the Monday before the National Day holidays (10/1–7; Saturday 10/10 is a make-up working day).
let clock = new Date('2026-09-28T02:00:00Z')
let app: TestApp
let harness: InProcessBot
let translator: Translator
const db = () => app.database.db

beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' }, { now: () => clock })
  await seedAreas(db())
  harness = await createInProcessBot(app)
  translator = await createTranslator('zh-CN')
})
afterAll(async () => {
  await app.close()
})

/** A 所 with a staff member, a community station with one, and a complaint received by the 所 on 2026-09-28. */
async function bureauTicket() {
  const region = await createRegion(db())
  const office = await createStation(db(), region, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: 'fake' })
  const otherRegion = await createRegion(db())
  const community = await createStation(db(), otherRegion, { kind: 'COMMUNITY_LIAISON_STATION', chatId: 'fake' })
  const staff = harness.user()
  const staffPerson = await app.services.people.identify({ telegramId: staff.info.id, firstName: '所员工' })
  await addMembership(db(), staffPerson.id, office.id, 'STAFF')
  const communityStaff = harness.user()
  const communityPerson = await app.services.people.identify({
    telegramId: communityStaff.info.id,
    firstName: '站员工',
  })
  await addMembership(db(), communityPerson.id, community.id, 'STAFF')
  const consumer = await app.services.people.identify({ telegramId: harness.user().info.id, firstName: '王小明' })
  const filed = await app.services.filing.fileComplaint(intakeOf(region.grid), consumer.id, clock)
  if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
  const routed = await app.services.routing.routeComplaint(filed.complaint.id, clock)
  if (routed.status !== 'routed') throw new Error(`routing failed: ${routed.status}`)
  return { complaintId: filed.complaint.id, office, staff, staffPerson, communityStaff }
}

const chatOf = async (stationId: string) =>
  Number((await db().station.findUniqueOrThrow({ where: { id: stationId } })).chatId)

/** The card the 所's group sees now, and a message carrying it (what a press comes from). */
async function cardOf(complaintId: string, chatId: number) {
  const card = renderTicketCard(await app.services.ticketCards.load(complaintId), translator.forLocale('zh-CN'), {
    viewer: 'station',
  })
  const message = {
    message_id: 1,
    date: Math.floor(clock.getTime() / 1000),
    chat: { id: chatId, type: 'supergroup', title: '所' },
    text: card.text,
    reply_markup: card.reply_markup,
  } as Message
  const buttons = card.reply_markup.inline_keyboard.flat()
  const clockButtons = buttons.filter((b) => 'callback_data' in b && b.callback_data.startsWith('cp:'))
  return {
    message,
    clockButtons: clockButtons.map((b) => ({ text: b.text, data: (b as { callback_data: string }).callback_data })),
  }
}

const answerOf = (calls: RecordedCall[]) => {
  const answers = callsOf(calls, 'answerCallbackQuery')
  expect(answers).toHaveLength(1)
  return answers[0]!.payload as { text?: string; show_alert?: boolean }
}

describe('the clock buttons of a bureau station’s card', () => {
  it('pause the acceptance decision while waiting for proof of identity, and resume it with the new due date', async () => {
    const { complaintId, office, staff, staffPerson } = await bureauTicket()
    const chatId = await chatOf(office.id)
    const received = await cardOf(complaintId, chatId)
    // A complaint waiting for the acceptance decision: only the identity pause applies (testing stops mediation).
    expect(received.clockButtons.map((b) => b.text)).toEqual(['等待身份证明'])
    const dueBefore = (await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).decisionDueOn!

    const started = answerOf(await staff.press(received.clockButtons[0]!.data, received.message))
    expect(started.show_alert).toBeFalsy()
    expect(started.text).toContain('中止计算')
    expect(await db().clockPause.count({ where: { complaintId, endedOn: null, reason: 'IDENTITY_PROOF' } })).toBe(1)
    // The card in the group is edited by the card refresh the pause recorded.
    const refresh = await db().outboxEntry.findMany({ where: { jobId: { startsWith: 'ticket-card-refresh-' } } })
    expect(refresh.some((entry) => JSON.stringify(entry.payload).includes(complaintId))).toBe(true)
    const paused = await cardOf(complaintId, chatId)
    expect(paused.clockButtons.map((b) => b.text)).toEqual(['恢复计时'])
    const t = translator.forLocale('zh-CN')
    expect(
      (await deadlineLines(db(), { id: complaintId, kind: 'COMPLAINT', rule: 'ORDER_121' }, t)).join('\n'),
    ).toContain('中止计算')

    // The old button pressed again (a second tap, a stale card): a clear refusal, nothing recorded twice.
    const again = answerOf(await staff.press(received.clockButtons[0]!.data, received.message))
    expect(again).toMatchObject({ show_alert: true, text: t('deadlines:pause.alreadyPaused') })

    // Resumed on 2026-10-12: 9/29, 9/30, 10/8, 10/9, 10/10 (make-up) and 10/12 were paused working days.
    clock = new Date('2026-10-12T02:00:00Z')
    const resumed = answerOf(await staff.press(paused.clockButtons[0]!.data, paused.message))
    const moved = dueAfterPause(
      dueBefore.toISOString().slice(0, 10) as never,
      '2026-09-28' as never,
      localDateOf(clock),
      activeWorkingDayCalendar(),
    )
    expect(moved.pausedWorkingDays).toBe(6)
    expect(resumed.show_alert).toBeFalsy()
    expect(resumed.text).toContain(`中止 6 个工作日`)
    // The same date style as the card and the consumer's messages.
    expect(resumed.text).toContain('受理决定期限顺延至 2026年10月21日周三')
    expect(moved.date).toBe('2026-10-21')
    const after = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
    expect(after.decisionDueOn?.toISOString().slice(0, 10)).toBe(moved.date)
    expect((await cardOf(complaintId, chatId)).clockButtons.map((b) => b.text)).toEqual(['等待身份证明'])
    expect(
      (await deadlineLines(db(), { id: complaintId, kind: 'COMPLAINT', rule: 'ORDER_121' }, t)).join('\n'),
    ).toContain('新期限 <b>2026年10月21日')

    // Accepted: the mediation clock runs, and testing or appraisal is what may stop it.
    const accepted = await app.services.tickets.actOnTicket(
      { complaintId, personId: staffPerson.id, action: 'ACCEPT', input: {} },
      clock,
    )
    expect(accepted.status).toBe('done')
    expect((await cardOf(complaintId, chatId)).clockButtons.map((b) => b.text)).toEqual(['检测/鉴定开始'])
  })

  it('refuse staff of a station without the power to pause, a stale button and a forged one, each with an answer', async () => {
    const { complaintId, office, communityStaff, staff } = await bureauTicket()
    const card = await cardOf(complaintId, await chatOf(office.id))
    const t = translator.forLocale('zh-CN')

    expect(answerOf(await communityStaff.press(card.clockButtons[0]!.data, card.message))).toMatchObject({
      show_alert: true,
      text: t('deadlines:pause.forbidden'),
    })
    // Testing pauses mediation only: pressed on a complaint not yet accepted (a forged or outdated button).
    const testing = clockPauseCallback.encode({ op: 'start', reason: 'TESTING', complaintId })
    expect(answerOf(await staff.press(testing, card.message))).toMatchObject({
      show_alert: true,
      text: t('deadlines:pause.notPausable'),
    })
    const resume = clockPauseCallback.encode({ op: 'resume', complaintId })
    expect(answerOf(await staff.press(resume, card.message))).toMatchObject({
      show_alert: true,
      text: t('deadlines:pause.notPaused'),
    })
    for (const forged of [`cp:x:${complaintId}`, 'cp:r:not-a-ticket', `cp:r:${crypto.randomUUID()}`]) {
      expect(answerOf(await staff.press(forged, card.message))).toMatchObject({
        show_alert: true,
        text: t('access:staleButton'),
      })
    }
    expect(await db().clockPause.count({ where: { complaintId } })).toBe(0)
  })
})
