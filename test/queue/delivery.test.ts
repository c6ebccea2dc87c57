import type { Message } from 'grammy/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Faults, quietWindow } from '../../src/simulator/bot-api/index.ts'
import type { DeliveryLimits } from '../../src/telegram/sending/delivery-limits.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, eventually, ticketCardsIn } from './support/delivery-world.ts'

// Telegram's limits with the windows scaled down, so that these tests need not wait seconds per message.
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
beforeAll(async () => {
  world = await createDeliveryWorld()
  await world.startWorkers({ limits: FAST })
})
afterAll(async () => {
  await world.close()
})

const db = () => world.app.database.db
const trackingOf = async (complaintId: string) =>
  (await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).trackingNumber
const evidenceFile = (kind: 'photo' | 'document') => {
  const file = world.tg.state.files.add({
    kind,
    size: 2048,
    ...(kind === 'document' ? { fileName: 'receipt.pdf', mimeType: 'application/pdf' } : {}),
  })
  return {
    kind: kind === 'photo' ? ('PHOTO' as const) : ('DOCUMENT' as const),
    fileId: file.fileId,
    fileUniqueId: file.fileUniqueId,
  }
}
const replyTarget = (message: Message) =>
  (message as Message & { reply_to_message?: Message }).reply_to_message?.message_id

async function bindNewGroup(stationId: string, options: { forum?: boolean } = {}) {
  const group = world.tg.group({ title: 'station group', botIsAdmin: true, forum: options.forum ?? false })
  await db().station.update({
    where: { id: stationId },
    data: { chatId: BigInt(group.id), chatIsForum: options.forum ?? false },
  })
  return group
}

describe('delivering a confirmed complaint', () => {
  it('tells the consumer in the language they chose since, not the one they filed in', async () => {
    const { user, personId } = await world.consumer()
    await world.app.services.people.setLocale(personId, 'en')
    // Filed in Chinese (the complaint keeps zh-CN); the person switched with /language afterwards.
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const tracking = await trackingOf(complaintId)
    const told = await user.waitForText(tracking, { timeout: 15_000 })
    expect(told.text).toContain(`Your complaint ${tracking}`)
    expect(told.text).not.toContain('您的投诉')
  })

  it('posts the card in the station group, tells the consumer which station has it, and re-sends the evidence under the card', async () => {
    const { user, personId } = await world.consumer()
    const complaintId = await world.file(
      personId,
      { areaCode: AREAS.grid1 },
      { evidence: [evidenceFile('photo'), evidenceFile('document')] },
    )
    const tracking = await trackingOf(complaintId)
    const group = world.stations.grid1.group!

    const told = await user.waitForText('诗书社区第1网格工作站', { timeout: 15_000 })
    expect(told.text).toContain(tracking)
    expect(told.text).toContain('诗书社区第1网格工作站地址')
    expect(told.text).toContain('028-38123456')
    // A grid station is a first-mile station: local mediation first, no statutory date yet.
    expect(told.text).toContain('法律规定的办理期限从市场监管部门收到您的投诉之日起计算')
    expect(told.text).not.toContain('受理')

    const card = await group.waitForText(tracking)
    expect(card.text).toContain('好又多超市')
    expect(card.text).toContain('¥120.50')
    const buttons = card.reply_markup?.inline_keyboard.flat() ?? []
    const data = buttons.map((button) => ('callback_data' in button ? button.callback_data : ''))
    expect(data).toContain(`t:es:${complaintId}`)
    expect(data).not.toContain(`t:ac:${complaintId}`)
    // The evidence follows in a job of its own, behind new cards and card edits.
    await group.waitFor((message) => Boolean(message.document), { timeout: 15_000 })
    const evidence = group.messages().filter((message) => message.photo || message.document)
    expect(evidence.map(replyTarget)).toEqual([card.message_id, card.message_id])

    const cardCall = world.tg.calls(
      'sendMessage',
      (call) => call.chatId === group.id && String(call.params.text).includes(tracking),
    )[0]!
    const toldCall = world.tg.calls('sendMessage', (call) => call.chatId === user.id)[0]!
    expect(toldCall.seq).toBeGreaterThan(cardCall.seq)
    await eventually(async () => {
      const recorded = await db().chatMessage.groupBy({ by: ['purpose'], where: { complaintId }, _count: true })
      expect(Object.fromEntries(recorded.map((row) => [row.purpose, row._count]))).toEqual({
        TICKET_CARD: 1,
        EVIDENCE: 2,
        STATUS_UPDATE: 1,
      })
    })
  })

  it('opens a topic per ticket in a forum group and posts card and evidence into it', async () => {
    const forum = await bindNewGroup(world.stations.tonghui.id, { forum: true })
    const { personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid3 }, { evidence: [evidenceFile('photo')] })
    const tracking = await trackingOf(complaintId)
    const topic = await forum.waitForTopic(`${tracking} 好又多超市`, { timeout: 15_000 })
    await forum.waitFor((message) => Boolean(message.photo), { timeout: 15_000 })
    const inTopic = forum.messages({ threadId: topic.message_thread_id })
    expect(inTopic.map((message) => (message.text ? 'card' : 'photo'))).toEqual(['card', 'photo'])
    const row = await db().chatMessage.findFirstOrThrow({ where: { complaintId, purpose: 'TICKET_CARD' } })
    expect(row.threadId).toBe(topic.message_thread_id)
  })

  it("sends the grid liaison a private card with the liaison's buttons, and the evidence under it", async () => {
    const liaisonUser = world.tg.user({ startedBot: true })
    const liaison = await world.app.services.people.identify({ telegramId: liaisonUser.id, firstName: 'Li' })
    await db().membership.create({
      data: {
        personId: liaison.id,
        stationId: world.stations.grid1.id,
        role: 'LIAISON',
        grids: { create: { areaCode: AREAS.grid1 } },
      },
    })
    const { personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 }, { evidence: [evidenceFile('photo')] })
    const card = await liaisonUser.waitForText(await trackingOf(complaintId), { timeout: 15_000 })
    const data = (card.reply_markup?.inline_keyboard.flat() ?? []).map((button) =>
      'callback_data' in button ? button.callback_data : '',
    )
    expect(data).toEqual([`t:lm:${complaintId}`, `t:es:${complaintId}`, `t:nt:${complaintId}`])
    expect(card.text).toContain('+8613812345678')
    // The card says the evidence follows: the photo comes under it, as in the station's group.
    expect(card.text).toContain('证据：1 件（见下）')
    await eventually(
      () => expect(liaisonUser.messages().some((m) => m.photo && replyTarget(m) === card.message_id)).toBe(true),
      15_000,
    )
    await db().membership.updateMany({ where: { personId: liaison.id }, data: { revokedAt: new Date() } })
  })

  it('gives the county center the ticket of a station without a group, with a note why', async () => {
    const { personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid5 })
    const card = await world.stations.dongpoCenter.group!.waitForText(await trackingOf(complaintId), {
      timeout: 15_000,
    })
    expect(card.text).toContain('东关社区第2网格工作站尚未绑定 Telegram 群')
  })

  it('hands the ticket to the county center when the bot was removed from the station group', async () => {
    const group = await bindNewGroup(world.stations.shishu.id)
    group.removeBot(world.tg.user())
    const { user, personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid2 })
    const card = await world.stations.dongpoCenter.group!.waitForText(await trackingOf(complaintId), {
      timeout: 15_000,
    })
    expect(card.text).toContain('机器人已被移出诗书社区12315联络站的群')
    const told = await user.waitForText('东坡区12315投诉举报中心', { timeout: 15_000 })
    expect(told.text).toContain(await trackingOf(complaintId))
    const complaint = await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })
    expect(complaint.stationId).toBe(world.stations.dongpoCenter.id)
    // The county center is a bureau station: its receipt starts the statutory clocks.
    expect(complaint.bureauReceivedAt).not.toBeNull()
    expect(complaint.decisionDueOn).not.toBeNull()
    expect(await db().complaintEvent.count({ where: { complaintId, action: 'TRANSFER', actorRole: 'SYSTEM' } })).toBe(1)
  })
})

describe('when Telegram pushes back', () => {
  it('waits out a 429 for as long as retry_after says, never less', async () => {
    const { user, personId } = await world.consumer()
    world.tg.failNext('sendMessage', Faults.tooManyRequests(2), { chatId: user.id })
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    await user.waitForText(await trackingOf(complaintId), { timeout: 20_000 })
    const calls = await eventually(() => {
      const calls = world.tg.calls('sendMessage', (call) => call.chatId === user.id)
      expect(calls.map((call) => call.outcome)).toEqual(['error', 'ok'])
      return calls
    })
    expect(calls[1]!.startedAt - calls[0]!.finishedAt!).toBeGreaterThanOrEqual(2000)
  })

  it('retries after 5xx answers and lost connections, and still posts one card', async () => {
    const group = world.stations.grid1.group!
    world.tg.failNext('sendMessage', Faults.serverError(502), { chatId: group.id })
    world.tg.failNext('sendMessage', Faults.dropConnection(), { chatId: group.id })
    const { personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const tracking = await trackingOf(complaintId)
    await group.waitForText(tracking, { timeout: 20_000 })
    await quietWindow()
    expect(group.messages().filter((message) => message.text?.includes(tracking))).toHaveLength(1)
  })

  it('marks a consumer who blocked the bot as unreachable and tells the station to phone them', async () => {
    const { user, personId } = await world.consumer()
    user.blockBot()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const tracking = await trackingOf(complaintId)
    const alert = await world.stations.grid1.group!.waitForText(new RegExp(`${tracking}.*屏蔽`), { timeout: 15_000 })
    expect(alert.text).toContain('电话联系')
    const person = await db().person.findUniqueOrThrow({ where: { id: personId } })
    expect(person.reachable).toBe(false)
    expect(person.unreachableSince).not.toBeNull()
    expect(world.tg.calls('sendMessage', (call) => call.chatId === user.id)).toHaveLength(1)
  })

  it('tells the station when the grid liaison never started the bot', async () => {
    const liaisonUser = world.tg.user({ startedBot: false })
    const liaison = await world.app.services.people.identify({ telegramId: liaisonUser.id, firstName: 'Zhao' })
    await db().membership.create({
      data: {
        personId: liaison.id,
        stationId: world.stations.dongpoCenter.id,
        role: 'LIAISON',
        grids: { create: { areaCode: AREAS.grid4 } },
      },
    })
    const { personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid4 })
    await world.stations.dongpoCenter.group!.waitForText(new RegExp(`${await trackingOf(complaintId)}.*网格员`), {
      timeout: 15_000,
    })
    expect((await db().person.findUniqueOrThrow({ where: { id: liaison.id } })).reachable).toBe(false)
  })
})

describe('never doubled', () => {
  it('posts one card when the route job and the card job both run again', async () => {
    const { personId } = await world.consumer()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const group = world.stations.grid1.group!
    const tracking = await trackingOf(complaintId)
    await group.waitForText(tracking, { timeout: 15_000 })

    expect((await world.app.services.routing.routeComplaint(complaintId)).status).toBe('already-routed')
    // The worker died after posting but before acknowledging: the entry is pending and the job runs again.
    const jobId = `ticket-card-${complaintId}-${world.stations.grid1.id}`
    await db().outboxEntry.update({ where: { jobId }, data: { status: 'PENDING', doneAt: null } })
    expect(await world.app.services.outbox.sweep(new Date(Date.now() + 120_000))).toBeGreaterThanOrEqual(1)
    // The re-run waits its turn in the notify worker: on a loaded 2-core machine that can take seconds.
    await expect
      .poll(async () => (await db().outboxEntry.findUniqueOrThrow({ where: { jobId } })).status, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe('DONE')
    expect(
      ticketCardsIn(world.tg, group.id).filter((call) => String(call.params.text).includes(tracking)),
    ).toHaveLength(1)
  })
})
