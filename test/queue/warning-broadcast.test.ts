import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DeliveryLimits } from '../../src/telegram/sending/delivery-limits.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, ticketCardsIn } from './support/delivery-world.ts'
import {
  adminAuthor,
  progressText,
  sendWarning,
  subscribers,
  warningCalls,
  warningsReceived,
} from './support/warning-world.ts'

// Telegram's limits scaled down so that a broadcast of 150 takes seconds: 10 messages per second for the bot, of
// which a broadcast leaves 2 to everything else.
const LIMITS: DeliveryLimits = {
  global: { limit: 10, windowMs: 1000 },
  privateChat: [{ limit: 1, windowMs: 100 }],
  groupChat: [
    { limit: 1, windowMs: 100 },
    { limit: 20, windowMs: 5000 },
  ],
  groupReserve: 2,
  broadcastReserve: 2,
  marginMs: 0,
}

let world: DeliveryWorld
beforeAll(async () => {
  world = await createDeliveryWorld()
  await world.startWorkers({ limits: LIMITS })
})
afterAll(async () => {
  await world.close()
})

const db = () => world.app.database.db
const statusOf = async (warningId: number) =>
  (await db().warning.findUniqueOrThrow({ where: { id: warningId } })).status

describe('a warning broadcast', () => {
  it('counts recipients who blocked the bot, marks them unreachable and skips them next time', async () => {
    const author = await adminAuthor(world)
    const people = await subscribers(world, AREAS.dongguan, 6)
    people[1]!.user.blockBot()
    people[4]!.user.blockBot()
    const first = await sendWarning(world, author, AREAS.dongguan, '警示一：过期食品')
    await expect.poll(() => statusOf(first), { timeout: 20_000 }).toBe('DONE')
    await expect
      .poll(() => progressText(world, author), { timeout: 10_000 })
      .toContain('已发送 4，已屏蔽 2，失败 0，剩余 0')
    const blocked = await db().person.findMany({ where: { id: { in: [people[1]!.personId, people[4]!.personId] } } })
    expect(blocked.map((person) => person.reachable)).toEqual([false, false])

    const callsBefore = world.tg.calls(undefined, (call) => call.chatId === people[1]!.user.id).length
    const second = await sendWarning(world, author, AREAS.dongguan, '警示二：预付卡')
    await expect.poll(() => statusOf(second), { timeout: 20_000 }).toBe('DONE')
    expect((await db().warning.findUniqueOrThrow({ where: { id: second } })).recipientCount).toBe(4)
    for (const [i, { user }] of people.entries())
      expect(warningsReceived(user, '警示二').length).toBe(i === 1 || i === 4 ? 0 : 1)
    expect(world.tg.calls(undefined, (call) => call.chatId === people[1]!.user.id)).toHaveLength(callsBefore)
    await expect.poll(() => progressText(world, author), { timeout: 10_000 }).toContain('已发送 4，已屏蔽 0')
  }, 60_000)

  it('lets a ticket filed during it reach its station before the broadcast’s remaining messages', async () => {
    const author = await adminAuthor(world)
    const people = await subscribers(world, AREAS.tonghui, 150)
    const warningId = await sendWarning(world, author, AREAS.tonghui, '警示三：免费体检推销')
    const delivered = () => people.filter(({ user }) => warningsReceived(user, '警示三').length > 0).length
    await expect.poll(delivered, { timeout: 20_000 }).toBeGreaterThanOrEqual(20)

    const { personId } = await world.consumer()
    const filedAt = Date.now()
    const complaintId = await world.file(personId, { areaCode: AREAS.grid1 })
    const tracking = (await db().complaint.findUniqueOrThrow({ where: { id: complaintId } })).trackingNumber
    const group = world.stations.grid1.group!
    const card = () => ticketCardsIn(world.tg, group.id).find((call) => String(call.params.text).includes(tracking))
    await expect.poll(card, { timeout: 10_000 }).toBeDefined()
    // The card waited for no more than the broadcast's messages already on their way (at 10/s: about a second).
    expect(card()!.startedAt - filedAt).toBeLessThan(2000)
    const cardSeq = card()!.seq

    await expect.poll(() => statusOf(warningId), { timeout: 40_000 }).toBe('DONE')
    // Most of the broadcast was still to come when the card went out.
    const after = people.filter(({ user }) =>
      warningCalls(world, user, '警示三').some((call) => call.seq > cardSeq),
    ).length
    expect(after).toBeGreaterThan(80)
    for (const { user } of people) expect(warningsReceived(user, '警示三')).toHaveLength(1)
  }, 90_000)
})
