import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseLocalDate } from '../../../src/domain/calendar/local-date.ts'
import { quietWindow, type TestUser } from '../../../src/simulator/bot-api/index.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  acceptedComplaint,
  cardOf,
  cardShows,
  consumer,
  file,
  offers,
  pressOnCard,
  SLOW,
  startTicketRuntime,
  stationWorld,
} from './ticket-world.ts'

let harness: RuntimeInProcess
const db = () => harness.app.database.db

/** Blocking and unblocking again sends nothing more: the message with `text` arrived once. */
async function expectNothingMoreAfterUnblockingAgain(user: TestUser, personId: number, text: string): Promise<void> {
  user.blockBot()
  user.unblockBot()
  await expect
    .poll(async () => (await db().person.findUniqueOrThrow({ where: { id: personId } })).reachable, SLOW)
    .toBe(true)
  await quietWindow()
  expect(user.messages().filter((message) => (message.text ?? '').includes(text))).toHaveLength(1)
}

/** Waits until the consumer-status job of the event is done, delivered or not. */
async function statusJobDone(eventId: string): Promise<void> {
  await expect
    .poll(
      async () => (await db().outboxEntry.findUnique({ where: { jobId: `consumer-status-${eventId}` } }))?.status,
      SLOW,
    )
    .toBe('DONE')
}

beforeAll(async () => {
  harness = await startTicketRuntime()
})
afterAll(async () => {
  await harness.close()
})

/** The clocks the station's /due shows on `day` for the ticket. */
async function clocksDueOn(stationId: string, complaintId: string, day: string): Promise<string[]> {
  const lines = await harness.app.services.deadlines.dueList({ stationId }, parseLocalDate(day))
  return lines.filter((line) => line.complaintId === complaintId).map((line) => line.clock)
}

const isoDay = (date: Date | null) => date?.toISOString().slice(0, 10) ?? ''

/** Staff end the mediation from the card, with the ground that a party ceased to exist. */
async function endMediation({ world, card }: Awaited<ReturnType<typeof acceptedComplaint>>): Promise<void> {
  await pressOnCard(world.staff, world.group, card, 'em')
  await world.group.waitForText('请选择依据', SLOW)
  await world.staff.press(/投诉人或者被投诉人死亡或者终止/, { in: world.group })
}

describe('a notice owed after an ending, when the bot cannot deliver it', () => {
  it('keeps the termination notice owed for a consumer who blocked the bot, asks the station to give it another way, and stops its clock once recorded', async () => {
    const accepted = await acceptedComplaint(harness)
    const { world, user, ticket, card } = accepted
    user.blockBot()
    await endMediation(accepted)

    const alert = await world.group.waitForText(new RegExp(`${ticket.trackingNumber}.*终止调解告知未能送达`), SLOW)
    expect(alert.text).toContain('以电话、短信或书面等方式告知')
    expect(alert.text).toContain('已另行告知')
    const ended = await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })
    const dueOn = isoDay(ended.terminationNoticeDueOn)
    const [year, month, day] = dueOn.split('-').map(Number)
    expect(alert.text).toContain(`${year}年${month}月${day}日`)
    const refreshed = await cardShows(world.group, card, '终止调解告知未能通过机器人送达')
    expect(offers(refreshed, 'rn')).toBe(true)
    expect(await clocksDueOn(world.station.id, ticket.id, dueOn)).toEqual(['TERMINATION_NOTICE'])

    // Closing would drop the duty: refused until the notice is given.
    const early = await pressOnCard(world.staff, world.group, card, 'cl')
    expect(early.text).toContain('不能办结')
    expect((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('MEDIATION_ENDED')

    await pressOnCard(world.staff, world.group, card, 'rn')
    const prompt = await world.group.waitForText('请回复如何告知了', SLOW)
    await world.staff.sendInGroup(world.group, '12月3日电话告知，消费者已知悉', { replyTo: prompt })
    const recorded = await cardShows(world.group, card, '已另行告知：张主任')
    expect(offers(recorded, 'rn')).toBe(false)
    expect(recorded.text).not.toContain('终止调解告知期限')
    expect(await clocksDueOn(world.station.id, ticket.id, dueOn)).toEqual([])
    const event = await db().complaintEvent.findFirstOrThrow({
      where: { complaintId: ticket.id, action: 'RECORD_NOTICE' },
    })
    expect(event.note).toBe('12月3日电话告知，消费者已知悉')
    // Closing is the bureau's next step now; the consumer's chat got nothing while blocked.
    await pressOnCard(world.staff, world.group, card, 'cl')
    await cardShows(world.group, card, '已办结：张主任')
    expect(user.messages().some((message) => (message.text ?? '').includes('调解终止'))).toBe(false)
  })

  it('owes nothing once the bot delivered the notice: no button, no clock, and a forged press changes nothing', async () => {
    const accepted = await acceptedComplaint(harness)
    const { world, user, ticket, card } = accepted
    await endMediation(accepted)
    await user.waitForText('调解终止', SLOW)
    const ended = await cardShows(world.group, card, '终止调解：张主任')
    expect(offers(ended, 'rn')).toBe(false)
    const dueOn = isoDay((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).terminationNoticeDueOn)
    await expect.poll(() => clocksDueOn(world.station.id, ticket.id, dueOn), SLOW).toEqual([])

    const forged = await world.staff.pressData(card.message_id, `t:rn:${ticket.id}`, { in: world.group, ...SLOW })
    expect(forged.text).toContain('没有待告知事项')
    expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'RECORD_NOTICE' } })).toBe(0)
  })

  it("keeps a named reporter's notice of the filing decision owed when the reporter blocked the bot, until the bureau records it", async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region, { kind: 'REPORT' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    const staff = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(world.staff.id) } })
    const act = (action: string, input = {}) =>
      harness.app.services.tickets.actOnTicket({ complaintId: ticket.id, personId: staff.id, action, input })
    await act('START_VERIFICATION')
    user.blockBot()
    expect((await act('NOT_FILE', { note: '经核查，未发现违法行为' })).status).toBe('done')
    await world.group.waitForText(new RegExp(`${ticket.trackingNumber}.*告知举报人处理结果未能送达`), SLOW)
    const dueOn = isoDay((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).reporterNoticeDueOn)
    expect(await clocksDueOn(world.station.id, ticket.id, dueOn)).toEqual(['REPORTER_NOTICE'])
    await cardShows(world.group, card, '告知举报人处理结果未能通过机器人送达')

    expect((await act('RECORD_NOTICE', { note: '12月3日短信告知' })).status).toBe('done')
    expect(await clocksDueOn(world.station.id, ticket.id, dueOn)).toEqual([])
    const second = await act('RECORD_NOTICE', { note: '再次告知' })
    expect(second).toEqual({ status: 'refused', reason: 'NOTICE_NOT_OWED' })
  })

  it('owes an anonymous reporter nothing: a blocked one leaves no notice owed and no alert to phone them', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region, { kind: 'REPORT', anonymous: true })
    await cardOf(world.group, ticket.trackingNumber)
    const staff = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(world.staff.id) } })
    const act = (action: string, input = {}) =>
      harness.app.services.tickets.actOnTicket({ complaintId: ticket.id, personId: staff.id, action, input })
    await act('START_VERIFICATION')
    user.blockBot()
    const notFiled = await act('NOT_FILE', { note: '经核查，未发现违法行为' })
    if (notFiled.status !== 'done') throw new Error(`NOT_FILE: ${notFiled.status}`)
    await statusJobDone(notFiled.eventId)
    expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'NOTICE_UNDELIVERED' } })).toBe(0)
    expect(world.group.messages().some((message) => (message.text ?? '').includes('屏蔽机器人'))).toBe(false)
    expect((await act('RECORD_NOTICE', { note: '无' })).status).toBe('refused')
  })

  it('sends the latest status a consumer missed while they had blocked the bot, once, when they unblock it', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    await cardOf(world.group, ticket.trackingNumber)
    await user.waitForText('已分派至承办站点', SLOW)
    user.blockBot()
    await expect
      .poll(async () => (await db().person.findUniqueOrThrow({ where: { id: personId } })).reachable, SLOW)
      .toBe(false)
    const staff = await db().person.findUniqueOrThrow({ where: { telegramId: BigInt(world.staff.id) } })
    const accepted = await harness.app.services.tickets.actOnTicket({
      complaintId: ticket.id,
      personId: staff.id,
      action: 'ACCEPT',
      input: {},
    })
    if (accepted.status !== 'done') throw new Error(`ACCEPT: ${accepted.status}`)
    await statusJobDone(accepted.eventId)
    expect(user.messages().some((message) => (message.text ?? '').includes('已受理'))).toBe(false)

    user.unblockBot()
    const missed = await user.waitForText('已受理', SLOW)
    expect(missed.text).toMatch(/^📬 您屏蔽机器人期间，以下通知未能送达/)
    expect(missed.text).toContain(ticket.trackingNumber)
    await expectNothingMoreAfterUnblockingAgain(user, personId, '已受理')
  })

  it('sends the missed termination notice once the consumer unblocks the bot, which stops its clock and clears the card', async () => {
    const accepted = await acceptedComplaint(harness)
    const { world, user, personId, ticket, card } = accepted
    user.blockBot()
    // Blocking is known at once, before anything else is sent.
    await expect
      .poll(async () => (await db().person.findUniqueOrThrow({ where: { id: personId } })).reachable, SLOW)
      .toBe(false)
    await endMediation(accepted)
    await cardShows(world.group, card, '终止调解告知未能通过机器人送达')
    const dueOn = isoDay((await db().complaint.findUniqueOrThrow({ where: { id: ticket.id } })).terminationNoticeDueOn)
    expect(await clocksDueOn(world.station.id, ticket.id, dueOn)).toEqual(['TERMINATION_NOTICE'])

    user.unblockBot()
    const notice = await user.waitForText('调解终止', SLOW)
    expect(notice.text).toContain(ticket.trackingNumber)
    expect(notice.text).toMatch(/^📬 您屏蔽机器人期间，以下通知未能送达/)
    const cleared = await world.group.waitFor(
      (m) => m.message_id === card.message_id && !(m.text ?? '').includes('未能通过机器人送达'),
      SLOW,
    )
    expect(offers(cleared, 'rn')).toBe(false)
    expect(await clocksDueOn(world.station.id, ticket.id, dueOn)).toEqual([])
    expect((await db().person.findUniqueOrThrow({ where: { id: personId } })).reachable).toBe(true)
    await expectNothingMoreAfterUnblockingAgain(user, personId, '调解终止')
  })
})
