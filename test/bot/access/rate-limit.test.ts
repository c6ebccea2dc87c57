import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'
import { REPLY_TIMEOUT_MS, warmUp } from './access-fixtures.ts'

const LIMIT = 3
let harness: RuntimeInProcess
beforeAll(async () => {
  harness = await startRuntimeInProcess({
    env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_BURST: String(LIMIT) },
  })
  await warmUp(harness.tg)
})
afterAll(async () => {
  await harness.close()
})

const limitNotice = /faster than I can take/

describe('the per-person rate limit', () => {
  it('answers a burst of messages, then says once that it pauses, then stays quiet', async () => {
    const flooder = harness.tg.user({ languageCode: 'en' })
    for (let i = 0; i < LIMIT + 4; i += 1) await flooder.send(`message ${i}`)
    await flooder.waitForText(limitNotice, { timeout: REPLY_TIMEOUT_MS })
    await flooder.waitFor(() => flooder.messages().length >= LIMIT + 1, { timeout: REPLY_TIMEOUT_MS })
    await flooder.expectNoMessage()

    const texts = flooder.messages().map((m) => m.text ?? '')
    expect(texts.filter((t) => limitNotice.test(t))).toHaveLength(1)
    expect(texts).toHaveLength(LIMIT + 1)
  })

  it('keeps the count in Redis under the deployment prefix, with an expiry', async () => {
    const someone = harness.tg.user({ languageCode: 'en' })
    await someone.send('hello')
    await someone.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    const redis = new Redis(TEST_REDIS_URL)
    try {
      const key = `${harness.app.redisPrefix}:ratelimit:${someone.id}`
      expect(await redis.hget(key, 'over')).toBe('0')
      const ttl = await redis.pttl(key)
      expect(ttl).toBeGreaterThan(0)
      // One request at LIMIT a minute refills in 60 / LIMIT seconds; the key lasts no longer.
      expect(ttl).toBeLessThanOrEqual(60_000 / LIMIT)
    } finally {
      redis.disconnect()
    }
  })

  it('answers a button press over the limit with the notice, in the language the person chose', async () => {
    const flooder = harness.tg.user({ languageCode: 'en' })
    await flooder.send('/start')
    const reply = await flooder.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    await harness.app.database.db.person.update({
      where: { telegramId: BigInt(flooder.id) },
      data: { locale: 'zh-CN' },
    })
    for (let i = 1; i < LIMIT; i += 1) await flooder.send(`message ${i}`)
    const answer = await flooder.pressData(reply.message_id, 'a:bind:whatever')
    expect(answer.text).toContain('操作过于频繁，请一分钟后再试')
    expect(answer.show_alert).toBe(true)
  })

  it('does not hold one person back for another one’s flood', async () => {
    const flooder = harness.tg.user({ languageCode: 'en' })
    for (let i = 0; i < LIMIT + 2; i += 1) await flooder.send(`message ${i}`)
    const calm = harness.tg.user({ languageCode: 'en' })
    await calm.send('hello')
    expect((await calm.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text).not.toMatch(limitNotice)
  })
})
