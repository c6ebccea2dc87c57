import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Faults } from '../../../src/simulator/bot-api/index.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { en, pressWhenShown } from '../intake/intake-driver.ts'
import {
  cardOf,
  consumer,
  file,
  openedFromMy,
  openFromMy,
  SLOW,
  startTicketRuntime,
  stationWorld,
} from './ticket-world.ts'

let harness: RuntimeInProcess
const db = () => harness.app.database.db

beforeAll(async () => {
  harness = await startTicketRuntime()
})
afterAll(async () => {
  await harness.close()
})

const repliesTo = (message: Message) => message.reply_to_message?.message_id

/** An English consumer's routed complaint, its card, and the consumer at /my's “Add information” prompt for it. */
async function addingInformation() {
  const { world, user, ticket, card } = await openedFromMy(harness)
  await user.press('➕ Add information')
  await user.waitForText('Send the information', SLOW)
  return { world, user, ticket, card }
}

describe('relaying messages between a station and a consumer with three open complaints', () => {
  it('maps every reply to the right ticket both ways, speaks as the station, and asks when a reply maps to none', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const tickets = [
      await file(harness, personId, world.region, { locale: 'en' }),
      await file(harness, personId, world.region, { locale: 'en' }),
      await file(harness, personId, world.region, { locale: 'en' }),
    ]
    const cards = await Promise.all(tickets.map((ticket) => cardOf(world.group, ticket.trackingNumber)))
    const statuses = await Promise.all(
      tickets.map((ticket) =>
        user.waitFor(
          (m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes('received'),
          SLOW,
        ),
      ),
    )

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

    const events = await db().complaintEvent.groupBy({
      by: ['complaintId', 'action'],
      where: { complaintId: { in: tickets.map((t) => t.id) }, action: { startsWith: 'RELAY' } },
      _count: true,
    })
    const count = (index: number, action: string) =>
      events.find((e) => e.complaintId === tickets[index]!.id && e.action === action)?._count ?? 0
    expect([
      count(0, 'RELAY_TO_STATION'),
      count(1, 'RELAY_TO_CONSUMER'),
      count(1, 'RELAY_TO_STATION'),
      count(2, 'RELAY_TO_STATION'),
    ]).toEqual([1, 1, 1, 1])
  })

  it('keeps staff talk in the topics of several open tickets internal, as notes, and relays only replies to the card or the consumer', async () => {
    const world = await stationWorld(harness, { forum: true })
    const { user, personId } = await consumer(harness, 'zh-hans')
    const tickets = [
      await file(harness, personId, world.region),
      await file(harness, personId, world.region),
      await file(harness, personId, world.region),
    ]
    const topics = await Promise.all(
      tickets.map((ticket) => world.group.waitForTopic(new RegExp(ticket.trackingNumber), SLOW)),
    )
    const cards = await Promise.all(tickets.map((ticket) => cardOf(world.group, ticket.trackingNumber)))
    await Promise.all(
      tickets.map((ticket) => user.waitFor((m) => (m.text ?? '').includes(ticket.trackingNumber), SLOW)),
    )

    // Staff talk in each topic, not a reply to the consumer: stays in the group.
    for (const [index, topic] of topics.entries()) {
      await world.staff.sendInGroup(world.group, `内部：第${index + 1}件先核实营业执照。`, {
        threadId: topic.message_thread_id,
      })
    }
    // A reply to the second card reaches the consumer, as from the station; their answer comes back into that topic.
    await world.staff.sendInGroup(world.group, '请问您明天上午方便来站里吗？', { replyTo: cards[1]! })
    const relayed = await user.waitForText('请问您明天上午方便来站里吗？', SLOW)
    expect(relayed.text).toContain(tickets[1]!.trackingNumber)
    expect(relayed.text).not.toContain('张主任')
    await user.reply(relayed, '方便，上午十点。')
    const answer = await world.group.waitForText('方便，上午十点。', SLOW)
    expect(answer.message_thread_id).toBe(topics[1]!.message_thread_id)
    // Talk about the answer, and a reply to a colleague, stay internal; a reply to the consumer's message reaches them.
    const colleague = await world.staff.sendInGroup(world.group, '内部：十点我来接待。', {
      threadId: topics[1]!.message_thread_id,
    })
    await world.staff.sendInGroup(world.group, '内部：好，记得带执法记录仪。', { replyTo: colleague })
    await world.staff.sendInGroup(world.group, '好的，明天十点见。', { replyTo: answer })
    await user.waitForText('好的，明天十点见。', SLOW)

    expect(user.history().filter((m) => (m.text ?? '').includes('内部：'))).toEqual([])
    const events = await db().complaintEvent.findMany({
      where: { complaintId: { in: tickets.map((t) => t.id) }, action: { in: ['INTERNAL_NOTE', 'RELAY_TO_CONSUMER'] } },
      orderBy: { id: 'asc' },
    })
    const of = (index: number, action: string) =>
      events.filter((e) => e.complaintId === tickets[index]!.id && e.action === action).map((e) => e.note)
    expect([of(0, 'INTERNAL_NOTE'), of(1, 'INTERNAL_NOTE'), of(2, 'INTERNAL_NOTE')]).toEqual([
      ['内部：第1件先核实营业执照。'],
      ['内部：第2件先核实营业执照。', '内部：十点我来接待。', '内部：好，记得带执法记录仪。'],
      ['内部：第3件先核实营业执照。'],
    ])
    expect([of(0, 'RELAY_TO_CONSUMER'), of(1, 'RELAY_TO_CONSUMER'), of(2, 'RELAY_TO_CONSUMER')]).toEqual([
      [],
      ['请问您明天上午方便来站里吗？', '好的，明天十点见。'],
      [],
    ])
    expect(events.find((e) => e.action === 'INTERNAL_NOTE')).toMatchObject({ actorRole: 'STAFF' })
  })

  it('neither relays nor records what staff write in a plain group without replying to a ticket message', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'en')
    const ticket = await file(harness, personId, world.region, { locale: 'en' })
    const card = await cardOf(world.group, ticket.trackingNumber)
    await user.waitForText(ticket.trackingNumber, SLOW)
    await world.staff.sendInGroup(world.group, '今天谁值班？')
    await world.staff.sendInGroup(world.group, 'Please bring the receipt tomorrow.', { replyTo: card })
    await user.waitForText('Please bring the receipt tomorrow.', SLOW)
    expect(user.history().some((m) => (m.text ?? '').includes('今天谁值班'))).toBe(false)
    expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'INTERNAL_NOTE' } })).toBe(0)
  })

  it('appends information the consumer adds from /my to the complaint and posts it under the card', async () => {
    const { world, user, ticket, card } = await addingInformation()
    await user.sendPhoto(4096, { caption: 'The receipt' })
    await user.waitForText(`Added to ${ticket.trackingNumber}`, SLOW)
    // The card lists it too now; the relayed message says who added it.
    const posted = await world.group.waitFor(
      (m) => (m.text ?? '').includes('The receipt') && (m.text ?? '').includes('补充了材料'),
      SLOW,
    )
    expect(repliesTo(posted)).toBe(card.message_id)
    await world.group.waitFor((m) => Boolean(m.photo) && repliesTo(m) === card.message_id, SLOW)
    expect(await db().attachment.count({ where: { complaintId: ticket.id } })).toBe(1)
  })

  it('passes on added information as long as Telegram lets the consumer write, in as many messages as it takes', async () => {
    const { world, user, ticket, card } = await addingInformation()
    await user.send(`${'丙'.repeat(4000)}丁丁丁`)
    await user.waitForText(`Added to ${ticket.trackingNumber}`, SLOW)
    await world.group.waitForText('丁丁丁', SLOW)
    // The relayed messages; the card shows only the start of it.
    const relayed = world.group
      .messages()
      .filter((m) => m.message_id !== card.message_id)
      .map((m) => m.text ?? '')
      .filter((text) => text.includes('丙') || text.includes('丁'))
      .join('')
    expect(relayed.match(/丙/g)).toHaveLength(4000)
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
    // The open form did not take that text as the business's name: its question is still the first one, answered
    // once the consumer says they have added all they had.
    await user.press('✅ Done')
    await user.send('Good Shop')
    const next = await user.waitFor(
      (m) => m.message_id > question.message_id && /Where is the business/i.test(m.text ?? ''),
      SLOW,
    )
    expect(next.text).toMatch(/Where is the business/i)
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
    await user.expectNoMessage()
    expect(await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'RELAY_TO_CONSUMER' } })).toBe(0)
  })
})

describe('a staff reply sent the instant a consumer message is relayed', () => {
  it('reaches the consumer every time, 20 times, even while the bot has not yet heard back about the relayed message', async () => {
    const STATIONS = 5
    const ROUNDS = 4
    await Promise.all(
      Array.from({ length: STATIONS }, async (_, station) => {
        const world = await stationWorld(harness)
        const { user, personId } = await consumer(harness, 'en')
        const ticket = await file(harness, personId, world.region, { locale: 'en' })
        await cardOf(world.group, ticket.trackingNumber)
        const status = await user.waitFor(
          (m) => (m.text ?? '').includes(ticket.trackingNumber) && (m.text ?? '').includes('received'),
          SLOW,
        )
        for (let round = 1; round <= ROUNDS; round++) {
          const question = `Question ${station}.${round}: is the shop open today?`
          // Telegram shows the relayed message at once but answers the bot late, so the staff reply comes first.
          harness.tg.failNext('sendMessage', Faults.delay(700, { afterProcessing: true }), {
            chatId: world.group.id,
            where: (params) => String(params.text ?? '').includes(question),
          })
          await user.reply(status, question)
          const relayed = await world.group.waitForText(question, SLOW)
          await world.staff.sendInGroup(world.group, `Answer ${station}.${round}: yes, until 8 pm.`, {
            replyTo: relayed,
          })
          await user.waitForText(`Answer ${station}.${round}: yes, until 8 pm.`, SLOW)
        }
        expect(
          await db().complaintEvent.count({ where: { complaintId: ticket.id, action: 'RELAY_TO_CONSUMER' } }),
        ).toBe(ROUNDS)
      }),
    )
    expect(harness.tg.pendingFaults()).toEqual([])
  })
})

describe('a consumer replying to a bot message that is about no complaint', () => {
  for (const language of [
    {
      code: 'en' as const,
      answer:
        'You have no complaint being handled at the moment, so this message was not passed on. To file a complaint, report or inquiry, send /start.',
    },
    {
      code: 'zh-hans' as const,
      answer: '您目前没有正在办理中的投诉，这条消息未转交任何单位。如需投诉、举报或咨询，请发送 /start。',
    },
  ]) {
    it(`is told, when they have no open complaint, that nothing was passed on and how to file one (${language.code})`, async () => {
      const { user } = await consumer(harness, language.code)
      await user.send('/start')
      const menu = await user.waitFor((m) => Boolean(m.reply_markup), SLOW)
      const question = await user.reply(menu, 'Hello, is anyone there?')
      const answer = await user.waitForText(language.answer, SLOW)
      expect(answer.reply_to_message?.message_id).toBe(question.message_id)
    })
  }
})

describe('a consumer writing to the bot without replying to anything', () => {
  it('is asked which complaint’s station to pass the message to, and it is passed on when they pick one', async () => {
    const world = await stationWorld(harness)
    const { user, personId } = await consumer(harness, 'zh-hans')
    const ticket = await file(harness, personId, world.region)
    await cardOf(world.group, ticket.trackingNumber)
    const sent = await user.send('请问什么时候处理？')
    const asked = await user.waitForText('要把这条消息转给下面哪一件的承办站点', SLOW)
    expect(asked.reply_to_message?.message_id).toBe(sent.message_id)
    await user.press(new RegExp(ticket.trackingNumber), { inMessage: asked })
    await world.group.waitForText('请问什么时候处理？', SLOW)
  })

  it('is told the message was not understood when they have no complaint being handled', async () => {
    const { user } = await consumer(harness, 'zh-hans')
    await user.send('你好')
    await user.waitForText('未能识别您的消息', SLOW)
  })
})
