import type { Update } from 'grammy/types'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../src/simulator/bot-api/index.ts'
import { type BotUnderTest, startBotUnderTest } from '../../support/bot-under-test.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'

const LIMIT = 6
const REPLY_TIMEOUT_MS = 30_000
let harness: BotUnderTest
let redis: Redis
/** What a consumer sees after /start when nothing goes wrong. */
let menuTexts: string[]

beforeAll(async () => {
  harness = await startBotUnderTest({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } })
  redis = new Redis(TEST_REDIS_URL)
  const control = consumer()
  await control.send('/start')
  await control.nextMessage({ timeout: REPLY_TIMEOUT_MS })
  await harness.tg.idle()
  menuTexts = texts(control)
})
afterAll(async () => {
  redis.disconnect()
  await harness.close()
})

const consumer = () => harness.tg.user({ firstName: 'Lin', languageCode: 'en', startedBot: true })
const texts = (user: TestUser) => user.messages().map((message) => message.text ?? message.caption ?? '')
const unfinishedUpdates = () => redis.hlen(`${harness.app.redisPrefix}:updates:journal`)

/**
 * The messages the unfinished updates' handling recorded as sent (src/bot/updates/reply-ledger.ts); undefined when
 * no update is unfinished (nothing will be handled again).
 */
async function recordedSends(): Promise<number | undefined> {
  const prefix = harness.app.redisPrefix
  const unfinished = await redis.hkeys(`${prefix}:updates:journal`)
  if (unfinished.length === 0) return undefined
  let sends = 0
  for (const updateId of unfinished) {
    const calls = Object.values(await redis.hgetall(`${prefix}:updates:replies:${updateId}`))
    sends += calls.filter((call) => (JSON.parse(call) as { method: string }).method.startsWith('send')).length
  }
  return sends
}

/** Queues a text message as a raw update, so that the test can have Telegram deliver it again. */
function message(user: TestUser, text: string): Update {
  const entities = text.startsWith('/')
    ? [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }]
    : undefined
  return harness.tg.pushUpdate({
    message: {
      message_id: Math.floor(Math.random() * 1e9),
      date: Math.floor(Date.now() / 1000),
      chat: { id: user.id, type: 'private', first_name: user.name },
      from: user.user,
      text,
      ...(entities ? { entities } : {}),
    },
  })
}

describe('an update the bot process took but had not handled when it died', () => {
  it.each([10, 40, 100])(
    'is answered once after a restart when the process is killed %i ms after the message',
    async (delayMs) => {
      const lin = consumer()
      await lin.send('/start')
      // The point of the test: the process dies this long after the message reached Telegram.
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      harness.bot.kill('SIGKILL')
      await harness.bot.waitForExit()
      // Telegram has no idempotency key: a message it accepted while the process died before recording it
      // (reply-ledger.ts; one Redis write after Telegram's answer) is the only one a successor can send again.
      const recorded = await recordedSends()
      const unrecorded = recorded === undefined ? 0 : Math.max(0, lin.messages().length - recorded)
      expect(unrecorded).toBeLessThanOrEqual(1)
      await harness.restartBot()

      await lin.waitFor(() => lin.messages().length >= menuTexts.length + unrecorded, { timeout: REPLY_TIMEOUT_MS })
      await expect.poll(unfinishedUpdates, { timeout: REPLY_TIMEOUT_MS }).toBe(0)
      await harness.tg.idle()
      // The whole menu, once, but for a message caught in that window.
      expect(texts(lin)).toHaveLength(menuTexts.length + unrecorded)
      expect(new Set(texts(lin))).toEqual(new Set(menuTexts))
    },
  )
})

describe('an update Telegram delivers again after it was handled', () => {
  it('is dropped: a redelivered /start shows no second menu', async () => {
    const lin = consumer()
    const start = message(lin, '/start')
    await lin.waitFor(() => lin.messages().length >= menuTexts.length, { timeout: REPLY_TIMEOUT_MS })
    await harness.tg.idle()
    harness.tg.redeliver(start)
    await harness.tg.idle()
    await lin.expectNoMessage()
    expect(texts(lin)).toEqual(menuTexts)
  })

  it('is not counted against the rate limit', async () => {
    const lin = consumer()
    const hello = message(lin, 'hello')
    await lin.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    await harness.tg.idle()
    for (let round = 0; round < LIMIT; round++) {
      harness.tg.redeliver(hello)
      await harness.tg.idle()
    }
    await lin.send('hello again')
    await lin.send('and once more')
    await lin.waitFor(() => lin.messages().length >= 3, { timeout: REPLY_TIMEOUT_MS })
    await harness.tg.idle()
    await lin.expectNoMessage()
    expect(texts(lin)).toHaveLength(3)
    expect(texts(lin).join('\n')).not.toMatch(/faster than I can take/)
  })

  it('is not answered twice when a restarted process gets the last batch again', async () => {
    const lin = consumer()
    await lin.send('/start')
    await lin.waitFor(() => lin.messages().length >= menuTexts.length, { timeout: REPLY_TIMEOUT_MS })
    await harness.restartBot()
    await harness.tg.idle()
    await lin.expectNoMessage()
    expect(texts(lin)).toEqual(menuTexts)
  })
})
