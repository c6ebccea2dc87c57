import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBotUnderTest, type BotUnderTest } from '../../support/bot-under-test.ts'
import { en, pressWhenShown } from '../intake/intake-driver.ts'
import { cardOf, consumer, file, SLOW, stationWorld, openFromMy } from './ticket-world.ts'

let harness: BotUnderTest
const db = () => harness.app.database.db

beforeAll(async () => { harness = await startBotUnderTest({ role: 'all', env: { MAX_COMPLAINTS_PER_DAY: '50' } }) })
afterAll(async () => { await harness.close() })

const repliesTo = (message: Message) => message.reply_to_message?.message_id

describe('relaying messages between a station and a consumer with three open complaints', () => {
  it('maps every reply to the right ticket both ways, speaks as the station, and asks when a reply maps to none', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const tickets = [await file(harness, personId, world.region, { locale: 'en' }), await file(harness, personId, world.region, { locale: 'en' }), await file(harness, personId, world.region, { locale: 'en' })]
    const cards = await Promise.all(tickets.map((ticket) => cardOf(world.group, ticket.trackingNumber)))
    const statuses = await Promise.all(tickets.map((ticket) => user.waitFor((m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes('received'), SLOW)))

    // Station → consumer: a reply to the second card.
    await world.staff.sendInGroup(world.group, '请明天上午带上小票来站里。', { replyTo: cards[1]! })
    const relayed = await user.waitForText('请明天上午带上小票来站里。', SLOW)
    expect(relayed.text).toContain(tickets[1]!.trackingNumber)
    expect(relayed.text).toContain(world.station.nameEn)
    expect(relayed.text).not.toContain('张主任')
    expect(relayed.forward_origin).toBeUndefined()

    // Consumer → station: a reply to that relayed message goes under the second card.
    await user.reply(relayed, 'OK, I will come at 10.')
    const answer = await world.group.waitForText('OK, I will come at 10.', SLOW)
    expect(answer.text).toContain(tickets[1]!.trackingNumber)
    expect(repliesTo(answer)).toBe(cards[1]!.message_id)
    await user.waitForText(`Passed on to the station handling ${tickets[1]!.trackingNumber}`, SLOW)

    // A reply to the third ticket's status message goes under the third card.
    await user.reply(statuses[2]!, 'The receipt is attached to my other complaint.')
    const third = await world.group.waitForText('The receipt is attached', SLOW)
    expect(repliesTo(third)).toBe(cards[2]!.message_id)

    // A reply to a bot message about no ticket (the help text): the consumer is asked which complaint it is about.
    await user.waitForText(`Passed on to the station handling ${tickets[2]!.trackingNumber}`, SLOW)
    await user.send('/help')
    const help = await user.waitFor((m) => (m.text ?? '').includes('/language'), SLOW)
    await user.reply(help, 'Also, the shop was closed today.')
    await user.waitForText('Which of your complaints', SLOW)
    await user.press(new RegExp(tickets[0]!.trackingNumber))
    const first = await world.group.waitForText('the shop was closed today', SLOW)
    expect(repliesTo(first)).toBe(cards[0]!.message_id)

    const events = await db().complaintEvent.groupBy({ by: ['complaintId', 'action'], where: { complaintId: { in: tickets.map((t) => t.id) }, action: { startsWith: 'RELAY' } }, _count: true })
    const count = (index: number, action: string) => events.find((e) => e.complaintId === tickets[index]!.id && e.action === action)?._count ?? 0
    expect([count(0, 'RELAY_TO_STATION'), count(1, 'RELAY_TO_CONSUMER'), count(1, 'RELAY_TO_STATION'), count(2, 'RELAY_TO_STATION')]).toEqual([1, 1, 1, 1])
  })

  it('relays what staff write in a ticket topic of a forum group, and puts the answer back into that topic', async () => {
    const world = await stationWorld(harness, { forum: true })
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    const topic = await world.group.waitForTopic(new RegExp(ticket.trackingNumber), SLOW)
    await cardOf(world.group, ticket.trackingNumber)
    await world.staff.sendInGroup(world.group, '商家同意退款，请确认。', { threadId: topic.message_thread_id })
    const relayed = await user.waitForText('商家同意退款，请确认。', SLOW)
    expect(relayed.text).not.toContain('张主任')
    await user.reply(relayed, '确认，谢谢。')
    const answer = await world.group.waitForText('确认，谢谢。', SLOW)
    expect(answer.message_thread_id).toBe(topic.message_thread_id)
  })

  it('appends information the consumer adds from /my to the complaint and posts it under the card', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await openFromMy(user, ticket.trackingNumber)
    await user.press('➕ Add information')
    await user.waitForText('Send the information', SLOW)
    await user.sendPhoto(4096, { caption: 'The receipt' })
    await user.waitForText(`Added to ${ticket.trackingNumber}`, SLOW)
    const posted = await world.group.waitForText('The receipt', SLOW)
    expect(posted.text).toContain('补充了材料')
    expect(repliesTo(posted)).toBe(card.message_id)
    await world.group.waitFor((m) => Boolean(m.photo) && repliesTo(m) === card.message_id, SLOW)
    expect(await db().attachment.count({ where: { complaintId: ticket.id } })).toBe(1)
  })

  it('takes information added from /my while a new form is open for the complaint, leaving the form where it was', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    await cardOf(world.group, ticket.trackingNumber)
    await user.send('/start')
    await pressWhenShown(user, en.complaint)
    const question = await user.waitForText(/business/i, SLOW)
    await openFromMy(user, ticket.trackingNumber)
    await user.press('➕ Add information')
    await user.waitForText('Send the information', SLOW)
    await user.send('The shop also refused to give a receipt.')
    await user.waitForText(`Added to ${ticket.trackingNumber}`, SLOW)
    await world.group.waitForText('refused to give a receipt', SLOW)
    // The open form did not take that text as the business's name: its question is still the first one.
    await user.send('Good Shop')
    const next = await user.waitFor((m) => m.message_id > question.message_id && /address/i.test(m.text ?? ''), SLOW)
    expect(next.text).toMatch(/address/i)
  })

  it('does not relay a group member who handles no ticket', async () => {
    const world = await stationWorld(harness)
    const bystander = harness.tg.user({ firstName: 'Bystander', startedBot: true })
    world.group.setMember(bystander)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await user.waitForText(ticket.trackingNumber, SLOW)
    await bystander.sendInGroup(world.group, 'hello consumer', { replyTo: card })
    await harness.tg.idle({ timeout: 10_000 })
    await user.expectNoMessage(1500)
    expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'RELAY_TO_CONSUMER' } })).toBe(0)
  })
})
