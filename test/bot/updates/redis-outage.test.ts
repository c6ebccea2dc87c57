import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram } from '../../../src/simulator/bot-api/fake-telegram.ts'
import { createTestApp, TEST_BOT_TOKEN, type TestApp } from '../../support/app.ts'
import { type PrivateRedis, startPrivateRedis } from '../../support/private-redis.ts'
import { type BotProcess, spawnBot } from '../../support/spawn-bot.ts'

let tg: FakeTelegram
let app: TestApp
let redis: PrivateRedis
let bot: BotProcess

beforeAll(async () => {
  tg = await FakeTelegram.start({ token: TEST_BOT_TOKEN })
  app = await createTestApp()
  redis = await startPrivateRedis()
  bot = spawnBot('src/main.ts', app.env({ ...tg.env, ROLE: 'all', REDIS_URL: redis.url }))
  await bot.waitForLine(/grid-12315-bot started/, { timeout: 30_000 })
})
afterAll(async () => {
  bot.kill('SIGKILL')
  await bot.waitForExit().catch(() => undefined)
  await redis.kill()
  await tg.stop()
  await app.close()
})

describe('when Redis goes away', () => {
  it('logs a structured warning for every connection, and no raw stack trace', async () => {
    await redis.kill()
    // The bot's own connection, the queues' and their BullMQ queues, the workers' and BullMQ's blocking ones.
    await expect
      .poll(warningSources, { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          'redis connection error',
          'queue redis connection error app-queues',
          'queue error route',
          'queue error notify',
          'worker redis connection error worker',
          'worker redis connection error route-worker',
          'worker redis connection error notify-worker',
        ]),
      )
    // A few reconnection rounds later, still nothing raw.
    await expect.poll(() => countOf(bot, 'redis connection error'), { timeout: 30_000 }).toBeGreaterThanOrEqual(4)
    expect(bot.stderr).toEqual([])
    expect(bot.exited).toBe(false)
  })

  it('logs structured warnings, not stack traces, when Redis is unreachable from the start', async () => {
    await redis.kill()
    const starting = spawnBot('src/main.ts', app.env({ ...tg.env, ROLE: 'all', REDIS_URL: redis.url }))
    await expect
      .poll(() => warningSources(starting), { timeout: 30_000 })
      .toEqual(expect.arrayContaining(['redis connection error', 'queue redis connection error app-queues']))
    await expect.poll(() => countOf(starting, 'redis connection error'), { timeout: 30_000 }).toBeGreaterThanOrEqual(4)
    expect(starting.stderr).toEqual([])
    starting.kill('SIGKILL')
    await starting.waitForExit()
  })
})

function records(process: BotProcess): Array<Record<string, unknown>> {
  return process.stdout.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>]
    } catch {
      return []
    }
  })
}

function countOf(process: BotProcess, message: string): number {
  return records(process).filter((record) => record.msg === message).length
}

function warningSources(process: BotProcess = bot): string[] {
  const sources = new Set<string>()
  for (const line of process.stdout) {
    let record: Record<string, unknown>
    try {
      record = JSON.parse(line) as Record<string, unknown>
    } catch {
      continue
    }
    if (record.level === 40) sources.add([record.msg, record.connection, record.queue].filter(Boolean).join(' '))
  }
  return [...sources]
}
