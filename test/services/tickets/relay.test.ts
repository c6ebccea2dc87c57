import { setTimeout as delay } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.ts'
import { createPerson, fileAndRoute } from '../../support/world.ts'
import { ticketActionKit } from './ticket-actions-kit.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '100' })
})
afterAll(async () => {
  await app.close()
})
const { db, tickets, world } = ticketActionKit(() => app)

describe('the relay', () => {
  it('maps a reply by the message it answers, and refuses people who do not handle the ticket', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const chatId = -1_005_000_000_001 - Math.floor(Math.random() * 1000)
    await db().chatMessage.create({
      data: { complaintId: id, purpose: 'TICKET_CARD', chatId: BigInt(chatId), messageId: 10, threadId: 77 },
    })
    await db().chatMessage.create({
      data: { complaintId: id, purpose: 'STATUS_UPDATE', chatId: BigInt(w.consumer.telegramId), messageId: 5 },
    })
    const group = { chatId, chatType: 'group' as const }
    expect(
      await tickets().relay.relayMessage(w.staff.id, { ...group, replyToMessageId: 10 }, { text: '您好' }),
    ).toMatchObject({ status: 'relayed', direction: 'to-consumer' })
    expect(
      await tickets().relay.relayMessage(
        w.staff.id,
        { ...group, threadId: 77, replyToMessageId: 10 },
        { text: '话题里回复卡片' },
      ),
    ).toMatchObject({ status: 'relayed', direction: 'to-consumer' })
    // Staff talk in the ticket's topic that replies to nothing of the consumer's is an internal note, never sent.
    const note = await tickets().relay.relayMessage(w.staff.id, { ...group, threadId: 77 }, { text: '在话题里讨论' })
    expect(note).toMatchObject({ status: 'noted', complaintId: id })
    const noteEvent = await db().complaintEvent.findFirstOrThrow({
      where: { complaintId: id, action: 'INTERNAL_NOTE' },
    })
    expect(noteEvent).toMatchObject({ note: '在话题里讨论', actorId: w.staff.id, actorRole: 'STAFF' })
    expect(await db().outboxEntry.count({ where: { jobId: { endsWith: `-${noteEvent.id}` } } })).toBe(0)
    expect(await tickets().relay.relayMessage(w.staff.id, { ...group, replyToMessageId: 11 }, { text: '?' })).toEqual({
      status: 'not-mapped',
    })
    const stranger = await createPerson(app.services, '路人')
    expect(await tickets().relay.relayMessage(stranger.id, { ...group, replyToMessageId: 10 }, { text: '?' })).toEqual({
      status: 'forbidden',
    })
    const fromConsumer = await tickets().relay.relayMessage(
      w.consumer.id,
      { chatId: w.consumer.telegramId, chatType: 'private', replyToMessageId: 5 },
      { text: '好的' },
    )
    expect(fromConsumer).toMatchObject({ status: 'relayed', direction: 'to-station' })
    expect(await tickets().relay.relayFromConsumer(stranger.id, id, { text: 'x' })).toEqual({ status: 'forbidden' })
  })

  it('maps a staff reply to a bot message that the worker records only a moment later', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const { trackingNumber } = await db().complaint.findUniqueOrThrow({ where: { id } })
    const chatId = -1_005_100_000_001 - Math.floor(Math.random() * 1000)
    const place = {
      chatId,
      chatType: 'group' as const,
      replyToMessageId: 21,
      replyToBot: true,
      replyToBotText: `💬 消费者 · ${trackingNumber}：\n几点开门？`,
    }
    // The worker writes its record of the relayed message 400 ms after the staff member replied to it.
    const recorded = delay(400).then(() =>
      db().chatMessage.create({
        data: { complaintId: id, purpose: 'RELAY_TO_STATION', chatId: BigInt(chatId), messageId: 21 },
      }),
    )
    expect(await tickets().relay.relayMessage(w.staff.id, place, { text: '九点开门。' })).toMatchObject({
      status: 'relayed',
      direction: 'to-consumer',
      complaintId: id,
    })
    await recorded
    // A reply to a bot message about no ticket (no tracking number, never recorded) is not held up.
    const started = Date.now()
    expect(
      await tickets().relay.relayMessage(
        w.staff.id,
        { chatId, chatType: 'group', replyToMessageId: 22, replyToBot: true, replyToBotText: '/whoami 的回答' },
        { text: 'x' },
      ),
    ).toEqual({ status: 'not-mapped' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('maps a consumer’s quick reply by the tracking number the bot’s message names, before that message is recorded', async () => {
    const w = await world()
    const id = await fileAndRoute(app.services, w.consumer.id, w.region)
    const { trackingNumber } = await db().complaint.findUniqueOrThrow({ where: { id } })
    const place = { chatId: w.consumer.telegramId, chatType: 'private' as const, replyToMessageId: 999 }
    const quick = await tickets().relay.relayMessage(
      w.consumer.id,
      { ...place, replyToBotText: `💬 Station about ${trackingNumber}:\nPlease come tomorrow.` },
      { text: 'OK' },
    )
    expect(quick).toMatchObject({ status: 'relayed', direction: 'to-station', complaintId: id })
    const stranger = await createPerson(app.services, '旁人')
    const foreign = await tickets().relay.relayMessage(
      stranger.id,
      { ...place, chatId: 42, replyToBotText: `about ${trackingNumber}` },
      { text: 'x' },
    )
    expect(foreign).toEqual({ status: 'forbidden' })
  })
})
