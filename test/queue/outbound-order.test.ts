import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeliveryLimits } from '../../src/services/delivery/delivery-limits.ts'
import { SEND_METHODS } from '../support/fake-telegram/call-log.ts'
import { AREAS, createDeliveryWorld, ticketCardsIn, type DeliveryWorld } from './support/delivery-world.ts'

// Telegram's limits scaled down so that the budget is short within seconds: 5 messages per second for the
// bot, and a group allowing 8 messages per 4 s of which 3 are kept for new cards and card edits.
const SHORT: DeliveryLimits = {
  global: { limit: 5, windowMs: 1000 },
  privateChat: [{ limit: 1, windowMs: 100 }],
  groupChat: [{ limit: 1, windowMs: 100 }, { limit: 8, windowMs: 4000 }],
  groupReserve: 3,
  marginMs: 0,
}

let world: DeliveryWorld
beforeAll(async () => {
  world = await createDeliveryWorld()
  await world.startWorkers({ limits: SHORT })
})
afterAll(async () => { await world.close() })

const db = () => world.app.database.db
const trackingOf = async (complaintId: string) => (await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).trackingNumber
const photo = () => {
  const file = world.tg.state.files.add({ kind: 'photo', size: 2048 })
  return { kind: 'PHOTO' as const, fileId: file.fileId, fileUniqueId: file.fileUniqueId }
}
const cardCall = (groupId: number, tracking: string) => ticketCardsIn(world.tg, groupId).find((call) => String(call.params.text).includes(tracking))

describe('when Telegram’s budget is short', () => {
  it('sends a new ticket card ahead of the status messages already waiting', { timeout: 60_000 }, async () => {
    const stations = [AREAS.grid1, AREAS.grid2, AREAS.grid3, AREAS.grid4]
    const consumers = await Promise.all(Array.from({ length: 12 }, () => world.consumer()))
    // 12 tickets want 24 messages: about five seconds of the bot's budget.
    await Promise.all(consumers.map(({ personId }, i) => world.file(personId, { areaCode: stations[i % stations.length]! })))
    await expect.poll(() => world.tg.calls('sendMessage', (call) => (call.chatId ?? 0) > 0 && call.outcome === 'ok').length, { timeout: 20_000 }).toBeGreaterThan(0)

    const { personId } = await world.consumer()
    const late = await world.file(personId, { areaCode: AREAS.dongguan })
    const tracking = await trackingOf(late)
    const group = world.stations.tonghui.group!
    await expect.poll(() => cardCall(group.id, tracking), { timeout: 20_000 }).toBeDefined()
    const earlierStatuses = world.tg.calls('sendMessage', (call) => consumers.some(({ user }) => user.id === call.chatId) && call.outcome === 'ok')
    await expect.poll(() => world.tg.calls('sendMessage', (call) => consumers.some(({ user }) => user.id === call.chatId) && call.outcome === 'ok').length, { timeout: 30_000 }).toBe(12)
    const last = world.tg.calls('sendMessage', (call) => consumers.some(({ user }) => user.id === call.chatId) && call.outcome === 'ok').at(-1)!
    // The late card went out while status messages of the earlier tickets were still waiting.
    expect(earlierStatuses.length).toBeLessThan(12)
    expect(cardCall(group.id, tracking)!.seq).toBeLessThan(last.seq)
    expect(world.tg.calls(undefined, (call) => SEND_METHODS.has(call.method) && call.status === 429)).toHaveLength(0)
  })

  it("does not let one ticket's evidence hold the next card back in a busy group", { timeout: 60_000 }, async () => {
    const group = world.stations.grid1.group!
    const first = await world.consumer()
    const firstId = await world.file(first.personId, { areaCode: AREAS.grid1 }, { evidence: Array.from({ length: 8 }, photo) })
    // The first card and the evidence the group's budget allows outside its reserve.
    await expect.poll(() => group.messages().filter((message) => message.photo).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(4)

    const second = await world.consumer()
    const filedAt = Date.now()
    const secondId = await world.file(second.personId, { areaCode: AREAS.grid1 })
    const tracking = await trackingOf(secondId)
    await expect.poll(() => cardCall(group.id, tracking), { timeout: 20_000 }).toBeDefined()
    // Without the reserve the card waits for the group's 4-second window to move past the evidence.
    expect(cardCall(group.id, tracking)!.startedAt - filedAt).toBeLessThan(2000)
    await expect.poll(() => db().chatMessage.count({ where: { complaintId: firstId, purpose: 'EVIDENCE' } }), { timeout: 30_000 }).toBe(8)
    const sends = world.tg.calls(undefined, (call) => SEND_METHODS.has(call.method) && call.chatId === group.id && call.outcome === 'ok')
    expect(maxInWindow(sends.map((call) => call.startedAt), 4000)).toBeLessThanOrEqual(8)
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
