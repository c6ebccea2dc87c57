import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEND_METHODS } from '../../src/simulator/bot-api/call-log.ts'
import type { DeliveryLimits } from '../../src/telegram/sending/delivery-limits.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, sleep, ticketCardsIn } from './support/delivery-world.ts'

// Telegram's limits scaled down so that the budget is short within seconds: 5 messages per second for the
// bot, and a group allowing 6 messages per 5 s of which 2 are kept for new cards and card edits.
const SHORT: DeliveryLimits = {
  global: { limit: 5, windowMs: 1000 },
  privateChat: [{ limit: 1, windowMs: 100 }],
  groupChat: [
    { limit: 1, windowMs: 100 },
    { limit: 6, windowMs: 5000 },
  ],
  groupReserve: 2,
  marginMs: 0,
}

let world: DeliveryWorld
beforeAll(async () => {
  world = await createDeliveryWorld()
  await world.startWorkers({ limits: SHORT })
})
afterAll(async () => {
  await world.close()
})

const db = () => world.app.database.db
const trackingOf = async (complaintId: string) =>
  (await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).trackingNumber
const photo = () => {
  const file = world.tg.state.files.add({ kind: 'photo', size: 2048 })
  return { kind: 'PHOTO' as const, fileId: file.fileId, fileUniqueId: file.fileUniqueId }
}
const cardCall = (groupId: number, tracking: string) =>
  ticketCardsIn(world.tg, groupId).find((call) => String(call.params.text).includes(tracking))

describe('when Telegram’s budget is short', () => {
  it('sends new ticket cards ahead of the status messages waiting, a card filed later included', {
    timeout: 60_000,
  }, async () => {
    const places = [
      { areaCode: AREAS.grid1 },
      { areaCode: AREAS.grid2 },
      { areaCode: AREAS.grid3 },
      { areaCode: AREAS.grid4 },
      { platform: '淘宝' },
    ]
    const consumers = await Promise.all(Array.from({ length: 20 }, () => world.consumer()))
    // 20 tickets in five groups want 40 messages: eight seconds of the bot's budget.
    await Promise.all(consumers.map(({ personId }, i) => world.file(personId, places[i % places.length]!)))
    const isStatus = (call: { chatId?: number | undefined }) => consumers.some(({ user }) => user.id === call.chatId)
    // Every earlier card is out; most of their status messages are still waiting.
    await expect
      .poll(() => world.tg.calls('sendMessage', (call) => (call.chatId ?? 0) < 0 && call.outcome === 'ok').length, {
        timeout: 20_000,
      })
      .toBe(20)

    const { personId } = await world.consumer()
    const late = await world.file(personId, { areaCode: AREAS.dongguan })
    // From the moment the late ticket is routed (its card job exists): on a busy machine routing alone can take
    // longer than the 200 ms a status message needs.
    await expect
      .poll(() => db().complaintEvent.count({ where: { complaintId: late, action: 'ROUTE' } }), { interval: 10 })
      .toBe(1)
    const before = world.tg.calls().length
    const tracking = await trackingOf(late)
    const group = world.stations.tonghui.group!
    await expect.poll(() => cardCall(group.id, tracking), { timeout: 20_000 }).toBeDefined()
    const ahead = world.tg.calls(
      undefined,
      (call) =>
        isStatus(call) && call.outcome === 'ok' && call.seq > before && call.seq < cardCall(group.id, tracking)!.seq,
    )
    // The earlier tickets' status messages waited behind every card, the late one included: of those waiting,
    // at most one already on its way when the ticket was routed and one while its card was being drawn.
    expect(ahead.length, world.tg.log.format(ahead)).toBeLessThanOrEqual(2)
    expect(world.tg.calls('sendMessage', (call) => isStatus(call) && call.outcome === 'ok').length).toBeLessThan(20)
    await expect
      .poll(() => world.tg.calls('sendMessage', (call) => isStatus(call) && call.outcome === 'ok').length, {
        timeout: 30_000,
      })
      .toBe(20)
    expect(world.tg.calls(undefined, (call) => SEND_METHODS.has(call.method) && call.status === 429)).toHaveLength(0)
  })

  it("does not let one ticket's evidence hold the next card back in a busy group", { timeout: 60_000 }, async () => {
    const group = world.stations.grid1.group!
    const first = await world.consumer()
    const firstId = await world.file(
      first.personId,
      { areaCode: AREAS.grid1 },
      { evidence: Array.from({ length: 10 }, photo) },
    )
    await expect
      .poll(() => group.messages().filter((message) => message.photo).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(3)
    // Time for the evidence to fill the group's window, if it were allowed to (10 per 100 ms spacing: 0.6 s).
    await sleep(700)

    const second = await world.consumer()
    const filedAt = Date.now()
    const secondId = await world.file(second.personId, { areaCode: AREAS.grid1 })
    const tracking = await trackingOf(secondId)
    await expect.poll(() => cardCall(group.id, tracking), { timeout: 20_000 }).toBeDefined()
    // Without the reserve the card waits for the group's 5-second window to move past the evidence.
    expect(cardCall(group.id, tracking)!.startedAt - filedAt).toBeLessThan(2000)
    await expect
      .poll(() => db().chatMessage.count({ where: { complaintId: firstId, purpose: 'EVIDENCE' } }), { timeout: 40_000 })
      .toBe(10)
    const sends = world.tg.calls(
      undefined,
      (call) => SEND_METHODS.has(call.method) && call.chatId === group.id && call.outcome === 'ok',
    )
    expect(
      maxInWindow(
        sends.map((call) => call.startedAt),
        5000,
      ),
    ).toBeLessThanOrEqual(6)
  })
})

/** The most calls within any sliding window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let best = 0
  for (let hi = 0, lo = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++
    best = Math.max(best, hi - lo + 1)
  }
  return best
}
