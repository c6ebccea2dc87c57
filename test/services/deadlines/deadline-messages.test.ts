/**
 * The day's deadline work as the people concerned see it, with the workers in this process (so coverage measures
 * them) and a clock the test moves: reminders under the card and to the liaison, the station's digest, 超期督办 to the
 * supervising center, a first-mile ticket past its local target passed up. test/queue/deadlines.test.ts proves the
 * same schedule across two worker processes.
 */
import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestGroup, TestUser } from '../../../src/simulator/bot-api/index.ts'
import { cardOf, SLOW } from '../../bot/tickets/ticket-world.ts'
import { d, deadlineKit } from '../../queue/support/deadline-world.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, eventually } from '../../queue/support/delivery-world.ts'
import { SCALED_DOWN_LIMITS } from '../../support/runtime-in-process.ts'
import {
  addMembership,
  createPerson,
  createRegion,
  createStation,
  intakeOf,
  type Region,
  type TestStation,
} from '../../support/world.ts'

// Monday 2026-11-02, 08:00 in Shanghai: before the day's 09:00 run.
let now = new Date('2026-11-02T00:00:00Z')
/** Moves the clock of the services and workers to an Asia/Shanghai wall-clock time. */
const at = (shanghai: string) => {
  now = new Date(`${shanghai}+08:00`)
}

let world: DeliveryWorld
let region: Region
let office: TestStation & { group: TestGroup }
let center: TestStation & { group: TestGroup }
let liaison: TestUser
const { receivedByBureau, stationWithGroup } = deadlineKit(() => world)
const text = (message: Message | undefined) => message?.text ?? ''

beforeAll(async () => {
  world = await createDeliveryWorld({ now: () => now })
  const db = world.app.database.db
  region = await createRegion(db)
  office = await stationWithGroup(region, 'MARKET_SUPERVISION_OFFICE', '通惠市场监管所')
  center = await stationWithGroup(region, 'COUNTY_CENTER', '区12315中心')
  // The region's 网格员 reads English.
  liaison = world.tg.user({ firstName: 'Li', languageCode: 'en', startedBot: true })
  const person = await createPerson(world.app.services, 'Li', liaison.id)
  await world.app.services.people.setLocale(person.id, 'en')
  await addMembership(db, person.id, office.id, 'LIAISON', [region.grid])
  await world.startWorkers({ limits: SCALED_DOWN_LIMITS, deadlineTickMs: 100 })
})
afterAll(async () => {
  await world.close()
})

/**
 * A complaint about `business` in the region, routed to the 所 (card posted), then held by `stationId` as if received
 * there on `day`. `where` gives another region and the group its 所 posts the card in.
 */
async function officeTicket(
  business: string,
  day: string,
  stationId = office.id,
  where: { region: Region; group: TestGroup } = { region, group: office.group },
) {
  const { user, personId } = await world.consumer({ languageCode: 'en' })
  const filed = await world.app.services.filing.fileComplaint(
    intakeOf(where.region.grid, { business, locale: 'en' }),
    personId,
  )
  if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
  const { id, trackingNumber } = filed.complaint
  const card = await cardOf(where.group, trackingNumber)
  await receivedByBureau(id, stationId, new Date(`${day}T10:00:00+08:00`))
  return { id, trackingNumber, user, card }
}

const waitIn = (chat: TestGroup | TestUser, pattern: RegExp) =>
  chat.waitFor((m) => pattern.test(text(m)), { ...SLOW, description: String(pattern) })

const buttonsOf = (message: Message) =>
  (message.reply_markup?.inline_keyboard.flat() ?? []).map((button) => ({
    text: button.text,
    url: 'url' in button ? button.url : undefined,
  }))

describe('the day a deadline comes near, arrives and passes', () => {
  it('reminds the 所 under the card and the liaison in English, lists it in the digest, then reports it overdue', async () => {
    // Received Monday 2 November: the 7th working day is Wednesday 11 November.
    const ticket = await officeTicket('苏记超市', '2026-11-02')
    const reminder = new RegExp(`⏰.*${ticket.trackingNumber}`)

    at('2026-11-06T09:00:00')
    const early = await waitIn(office.group, reminder)
    expect(text(early)).toBe(
      `⏰ 期限提醒：${ticket.trackingNumber}（苏记超市）的受理决定期限为 2026年11月11日周三，还剩 3 个工作日。`,
    )
    expect(early.reply_to_message?.message_id).toBe(ticket.card.message_id)
    expect(text(await waitIn(liaison, reminder))).toBe(
      `⏰ Deadline: the acceptance decision for ${ticket.trackingNumber} (苏记超市) is due on Wed, 11 November 2026, 3 working days from now.`,
    )
    const digest = await waitIn(office.group, /^📅 .*2026年11月6日周五 期限提醒/)
    expect(text(digest)).toBe(
      [
        `📅 ${office.name} 2026年11月6日周五 期限提醒`,
        '',
        '🟡 两个工作日内到期',
        `• ${ticket.trackingNumber} 苏记超市 — 受理决定 2026年11月11日周三`,
      ].join('\n'),
    )
    const chat = String(office.group.id).slice(4)
    expect(buttonsOf(digest)).toEqual([
      { text: `📋 ${ticket.trackingNumber}`, url: `https://t.me/c/${chat}/${ticket.card.message_id}` },
    ])

    at('2026-11-11T09:00:00')
    expect(text(await waitIn(office.group, new RegExp(`今日到期：${ticket.trackingNumber}`)))).toBe(
      `⏰ 今日到期：${ticket.trackingNumber}（苏记超市）的受理决定期限为今天（2026年11月11日周三），请及时办理。`,
    )
    expect(text(await waitIn(liaison, new RegExp(`Due today: .*${ticket.trackingNumber}`)))).toBe(
      `⏰ Due today: the acceptance decision for ${ticket.trackingNumber} (苏记超市) is due today (Wed, 11 November 2026).`,
    )

    at('2026-11-12T09:00:00')
    const supervision = await waitIn(center.group, new RegExp(`超期督办[\\s\\S]*${ticket.trackingNumber}`))
    expect(text(supervision)).toBe(
      [
        '🚨 超期督办 2026年11月12日周四：以下工单已超过法定期限，请督促承办站点办理。',
        `• ${ticket.trackingNumber} 苏记超市 — ${office.name}：受理决定 期限 2026年11月11日周三`,
      ].join('\n'),
    )
    expect(buttonsOf(supervision)).toEqual([
      { text: `📋 ${ticket.trackingNumber}`, url: `https://t.me/c/${chat}/${ticket.card.message_id}` },
    ])
    await eventually(
      () => expect(text(office.group.message(ticket.card.message_id))).toContain('已超期：受理决定期限'),
      15_000,
    )
    const overdueDigest = await waitIn(office.group, /^📅 .*2026年11月12日周四 期限提醒/)
    expect(text(overdueDigest)).toContain(
      `🔴 已超期\n• ${ticket.trackingNumber} 苏记超市 — 受理决定 2026年11月11日周三`,
    )
    // The liaison hears of the reminders only; 超期 goes to the supervising center.
    expect(liaison.messages().filter((m) => reminder.test(text(m)))).toHaveLength(2)
  })

  it("reports a county center's overdue ticket to the city center, and a city center's to nobody", async () => {
    // Received Tuesday 3 November: due Thursday 12 November, overdue on Friday 13 November.
    const atCenter = await officeTicket('县中心超市', '2026-11-03', center.id)
    const city = world.stations.cityCenter
    const atCity = await officeTicket('市中心超市', '2026-11-03', city.id)

    at('2026-11-13T09:00:00')
    const supervision = await waitIn(city.group!, new RegExp(`超期督办[\\s\\S]*${atCenter.trackingNumber}`))
    expect(text(supervision)).toContain(
      `• ${atCenter.trackingNumber} 县中心超市 — ${center.name}：受理决定 期限 2026年11月12日周四`,
    )
    expect(text(supervision)).not.toContain(atCity.trackingNumber)
    // Its card was posted in the 所's group, not the center's: there is no card the city center could open.
    expect(buttonsOf(supervision)).toEqual([])
    // The city center's own digest lists its overdue ticket.
    const digest = await waitIn(city.group!, /^📅 .*2026年11月13日周五 期限提醒/)
    expect(text(digest)).toContain(`🔴 已超期\n• ${atCity.trackingNumber} 市中心超市 — 受理决定 2026年11月12日周四`)
    expect(await world.app.services.deadlines.runDay()).toEqual({ status: 'already-done' })

    at('2026-11-14T09:30:00') // a Saturday
    expect(await world.app.services.deadlines.runDay()).toEqual({ status: 'not-working-day' })
  })

  it('passes a first-mile ticket past its local target up to the bureau and tells the consumer in English', async () => {
    const grid1 = world.stations.grid1
    const { user, personId } = await world.consumer({ languageCode: 'en' })
    const filed = await world.app.services.filing.fileComplaint(
      intakeOf(AREAS.grid1, { business: '社区小卖部', locale: 'en' }),
      personId,
    )
    if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`)
    const { id, trackingNumber } = filed.complaint
    await cardOf(grid1.group!, trackingNumber)
    await world.app.database.db.complaint.update({ where: { id }, data: { localTargetOn: d('2026-11-16') } })
    const told = () => user.messages().filter((m) => text(m).includes(trackingNumber)).length
    await eventually(() => expect(told()).toBe(1), 15_000)

    at('2026-11-17T09:00:00')
    const bureau = world.stations.dongpoCenter
    await cardOf(bureau.group!, trackingNumber)
    await eventually(() => expect(told()).toBe(2), 15_000)
    expect(text(user.lastMessage())).toContain('passed on to the market regulation bureau')
    const moved = await world.app.database.db.complaint.findUniqueOrThrow({ where: { id } })
    expect(moved).toMatchObject({ status: 'ESCALATED', stationId: bureau.id })
    // The bureau's clock starts on the day it was passed up: 7 working days from Tuesday 17 November.
    expect(moved.decisionDueOn?.toISOString().slice(0, 10)).toBe('2026-11-26')
  })

  it('still reminds the liaison when the station group removed the bot', async () => {
    const db = world.app.database.db
    const other = await stationWithGroup(region, 'MARKET_SUPERVISION_OFFICE', '另一个市场监管所')
    const { group } = other
    // Received Wednesday 18 November: due Friday 27 November, reminded on Tuesday 24 November.
    const ticket = await officeTicket('无群商店', '2026-11-18', other.id)
    const admin = world.tg.user({ firstName: '群主' })
    group.setMember(admin, 'creator')
    group.removeBot(admin)

    at('2026-11-24T09:00:00')
    expect(text(await waitIn(liaison, new RegExp(`Deadline: .*${ticket.trackingNumber}`)))).toContain(
      'is due on Fri, 27 November 2026, 3 working days from now.',
    )
    // The digest for that group is given up, not retried for ever.
    await eventually(
      async () =>
        expect(
          await db.outboxEntry.findUnique({ where: { jobId: `deadline-digest-${other.id}-2026-11-24` } }),
        ).toMatchObject({ status: 'DONE' }),
      15_000,
    )
  })

  it("reminds a forum group in the ticket's own topic", async () => {
    const db = world.app.database.db
    const forumRegion = await createRegion(db)
    const group = world.tg.group({ title: '东坡市场监管所', botIsAdmin: true, forum: true })
    const forum = await createStation(db, forumRegion, { kind: 'MARKET_SUPERVISION_OFFICE', chatId: group.id })
    await db.station.update({ where: { id: forum.id }, data: { chatIsForum: true } })
    // Received Wednesday 25 November: due Friday 4 December, reminded on Tuesday 1 December.
    const ticket = await officeTicket('话题商店', '2026-11-25', forum.id, { region: forumRegion, group })
    expect(ticket.card.message_thread_id).toBeDefined()

    at('2026-12-01T09:00:00')
    const reminder = await waitIn(group, new RegExp(`期限提醒：${ticket.trackingNumber}`))
    expect(reminder.message_thread_id).toBe(ticket.card.message_thread_id)
  })

  it('reminds of a termination notice the bot could not deliver, and says how to give it instead', async () => {
    const db = world.app.database.db
    const ticket = await officeTicket('告知商店', '2026-12-01')
    const staffUser = world.tg.user({ firstName: '陈所长', startedBot: true })
    const staff = await createPerson(world.app.services, '陈所长', staffUser.id)
    await addMembership(db, staff.id, office.id, 'STAFF')
    const act = (action: string, day: string, input = {}) =>
      world.app.services.tickets.actOnTicket(
        { complaintId: ticket.id, personId: staff.id, action, input },
        new Date(`${day}T10:00:00+08:00`),
      )
    expect((await act('ACCEPT', '2026-12-01')).status).toBe('done')
    ticket.user.blockBot()
    expect((await act('END_MEDIATION', '2026-12-02', { ground: 'AGREEMENT_IMPOSSIBLE' })).status).toBe('done')
    await eventually(
      async () =>
        expect(await db.complaintEvent.count({ where: { complaintId: ticket.id, action: 'NOTICE_UNDELIVERED' } })).toBe(
          1,
        ),
      15_000,
    )
    // Ended Wednesday 2 December: the notice is due seven working days later, Friday 11 December.
    at('2026-12-11T09:00:00')
    const due = await waitIn(office.group, new RegExp(`今日到期：${ticket.trackingNumber}`))
    expect(text(due)).toBe(
      [
        `⏰ 今日到期：${ticket.trackingNumber}（告知商店）的终止调解告知期限为今天（2026年12月11日周五），请及时办理。`,
        '消费者尚未收到机器人的告知：请以电话、短信或书面等方式告知，然后在工单上点“📞 已另行告知”。',
      ].join('\n'),
    )
  })
})
