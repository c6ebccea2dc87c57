import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRedis, type Redis } from '../../src/redis.ts'
import { SEND_METHODS } from '../../src/simulator/bot-api/call-log.ts'
import { createChatPacer } from '../../src/telegram/sending/chat-pacer.ts'
import { type DeliveryLimits, TELEGRAM_LIMITS } from '../../src/telegram/sending/delivery-limits.ts'
import { DELIVERY_PRIORITY } from '../../src/telegram/sending/delivery-priority.ts'
import { flushRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../support/redis.ts'
import { AREAS, createDeliveryWorld, type DeliveryWorld, sleep } from './support/delivery-world.ts'

// Telegram's limits with the windows scaled down (1 s → 400 ms; 20 per minute → 4 per 2 s, the same spacing
// pressure in a window 30× shorter). The property under test — no chat ever gets more than its limit in any
// sliding window — does not depend on the window's length. The margin is Telegram's default 100 ms.
const SCALED: DeliveryLimits = {
  global: { limit: 12, windowMs: 1000 },
  privateChat: [{ limit: 1, windowMs: 400 }],
  groupChat: [
    { limit: 1, windowMs: 400 },
    { limit: 4, windowMs: 2000 },
  ],
  marginMs: 100,
}

describe('the chat pacer', () => {
  let redis: Redis
  let prefix: string
  beforeAll(() => {
    redis = createRedis(TEST_REDIS_URL, { name: 'pacer-test' })
    prefix = uniqueRedisPrefix('pace')
  })
  afterAll(async () => {
    redis.disconnect()
    await flushRedisPrefix(prefix)
  })

  it('lets two processes together give a group no more than its limit, and says when the next slot frees', async () => {
    const a = createChatPacer(redis, prefix, { ...SCALED, groupChat: [{ limit: 3, windowMs: 1000 }] })
    const b = createChatPacer(redis.duplicate(), prefix, { ...SCALED, groupChat: [{ limit: 3, windowMs: 1000 }] })
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).takeSlot(-100123)))
    expect(results.filter((result) => result.ok)).toHaveLength(3)
    const refused = results.find((result) => !result.ok)
    expect(refused).toMatchObject({ ok: false, scope: 'chat' })
    expect(refused && !refused.ok && refused.waitMs).toBeGreaterThan(900)
  })

  // A standing reserve cost the broadcast a fixed share of the bot's 30/s (2 slots: its rate behind 5 complaints/s
  // fell to 84 % of what the tickets left, `npm run bench -- broadcast`); the send gate already lets ticket
  // messages of the same process go first, so with Telegram's limits the broadcast may fill the window.
  it("lets a warning broadcast use the last of the bot's 30 slots in a second, and no more", async () => {
    const own = uniqueRedisPrefix('pace-broadcast')
    const pacer = createChatPacer(redis, own, TELEGRAM_LIMITS)
    const others = await Promise.all(Array.from({ length: 29 }, (_, i) => pacer.takeSlot(700_000 + i)))
    expect(others.every((result) => result.ok)).toBe(true)
    expect((await pacer.takeSlot(800_001, DELIVERY_PRIORITY.BROADCAST)).ok).toBe(true)
    const over = await pacer.takeSlot(800_002, DELIVERY_PRIORITY.CARD)
    expect(over).toMatchObject({ ok: false, scope: 'global' })
    await flushRedisPrefix(own)
  })

  it('holds a chat for as long as a 429 asked', async () => {
    const pacer = createChatPacer(redis, prefix, SCALED)
    await pacer.blockChat(555, 1500)
    const result = await pacer.takeSlot(555)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.waitMs).toBeGreaterThan(1400)
  })
})

describe('bursts of complaints', () => {
  let world: DeliveryWorld
  beforeAll(async () => {
    world = await createDeliveryWorld()
    await world.startWorkers({ limits: SCALED })
  })
  afterAll(async () => {
    await world.close()
  })

  it('never give a chat more than its per-chat or per-group limit, nor the bot more than its global limit', {
    timeout: 120_000,
  }, async () => {
    const consumers = await Promise.all([world.consumer(), world.consumer(), world.consumer()])
    const areas = [AREAS.grid1, AREAS.grid2, AREAS.grid3]
    const filed: string[] = []
    for (let burst = 0; burst < 3; burst++) {
      // Each burst: every consumer files three complaints at once, spread over three station groups.
      const batch = await Promise.all(
        consumers.flatMap(({ personId }) => areas.map((areaCode) => world.file(personId, { areaCode }))),
      )
      filed.push(...batch)
      await sleep(700)
    }
    const db = world.app.database.db
    await expect
      .poll(() => db.outboxEntry.count({ where: { status: 'PENDING' } }), { timeout: 60_000, interval: 100 })
      .toBe(0)
    expect(await db.chatMessage.count({ where: { purpose: 'TICKET_CARD' } })).toBe(filed.length)

    const log = world.tg.log
    const sends = log.all(undefined, (call) => SEND_METHODS.has(call.method) && call.outcome === 'ok')
    const groups = new Set(sends.filter((call) => (call.chatId ?? 0) < 0).map((call) => call.chatId))
    expect(groups.size).toBe(3)
    expect(log.maxSendsPerChat(400), log.format(sends.slice(-30))).toMatchObject({ count: 1 }) // 1 per (scaled) second, in every chat
    const perGroupWindow = maxInWindow(
      sends.filter((call) => groups.has(call.chatId)),
      2000,
      (call) => call.chatId,
    )
    expect(perGroupWindow).toBeLessThanOrEqual(4) // 4 per (scaled) minute, in every group
    expect(maxInWindow(sends, 1000, () => 'all')).toBeLessThanOrEqual(12)
  })
})

/** The most calls any one key received within any sliding window of `windowMs`. */
function maxInWindow<T extends { startedAt: number }>(
  calls: readonly T[],
  windowMs: number,
  key: (call: T) => unknown,
): number {
  const byKey = new Map<unknown, number[]>()
  for (const call of calls) byKey.set(key(call), [...(byKey.get(key(call)) ?? []), call.startedAt])
  let best = 0
  for (const times of byKey.values()) {
    times.sort((a, b) => a - b)
    let lo = 0
    for (let hi = 0; hi < times.length; hi++) {
      while (times[hi]! - times[lo]! >= windowMs) lo++
      best = Math.max(best, hi - lo + 1)
    }
  }
  return best
}
