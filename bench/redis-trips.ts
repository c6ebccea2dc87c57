/**
 * `npm run bench -- redis-trips`: the Redis commands the whole bot sends per update while three consumers, one after
 * the other, fill in and confirm the complaint form (a MULTI … EXEC counts once), read with MONITOR from the app's
 * own connection. Not a timing: a count that must not grow when the state handling changes (docs/state.md).
 */
import { randomBytes } from 'node:crypto'
import type { Update } from 'grammy/types'
import { Redis } from 'ioredis'
import { createBot } from '../src/bot/create-bot.ts'
import { loadConfig } from '../src/config.ts'
import { createTranslator } from '../src/i18n/translator.ts'
import { createLogger } from '../src/logging/logger.ts'
import { createQueues } from '../src/queue/queues.ts'
import { createRedis } from '../src/redis.ts'
import { createServices } from '../src/services/services.ts'
import { BENCH_ID_ENCRYPTION_KEY, createBenchDatabase } from './support/bench-database.ts'
import { COMPLAINT_SCRIPT } from './support/complaint-script.ts'
import { LocalBotApi } from './support/local-bot-api.ts'
import { benchUser, photoUpdate, pressUpdate, textUpdate } from './support/updates.ts'

const CONSUMERS = 3

export async function main(): Promise<void> {
  const prefix = `trips-${randomBytes(4).toString('hex')}`
  const database = await createBenchDatabase()
  const config = loadConfig({
    ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
    BOT_TOKEN: '123456789:bench-token_xxxxxxxxxxxxxxxxxxxxxx',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    MAX_COMPLAINTS_PER_DAY: '1000',
    RATE_LIMIT_PER_MINUTE: '1000',
    HTTP_PORT: '0',
  })
  const log = createLogger({ level: 'silent' })
  const redis = createRedis(config.REDIS_URL, { name: 'trips', autoPipelining: true })
  const queues = createQueues(redis, prefix, log)
  const monitor = new Redis(config.REDIS_URL)
  try {
    const services = createServices({ config, db: database.db, redis, queues, log })
    const api = new LocalBotApi()
    const bot = createBot({ token: config.BOT_TOKEN, services, translator: await createTranslator('zh-CN'), log })
    bot.api.config.use(api.transformer)
    await bot.init()
    const address = /addr=(\S+)/.exec(String(await redis.call('CLIENT', 'INFO')))?.[1]
    const commands: string[] = []
    const monitoring = await monitor.monitor()
    monitoring.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === address) commands.push(String(args[0]).toLowerCase())
    })
    const perUpdate: number[] = []
    for (let consumer = 1; consumer <= CONSUMERS; consumer++) {
      const user = benchUser(5_000_000 + consumer)
      for (const step of COMPLAINT_SCRIPT) {
        const before = commands.length
        let update: Update
        if ('text' in step) update = textUpdate(user, step.text)
        else if ('photo' in step) update = photoUpdate(user, `p${user.id}`)
        else {
          const button = api.findButton(user.id, step.press)
          if (!button) throw new Error(`no button ${String(step.press)}`)
          update = pressUpdate(user, button.messageId, button.data)
        }
        await bot.handleUpdate(update)
        // MONITOR reports a command a moment after it ran.
        await new Promise((resolve) => setTimeout(resolve, 50))
        perUpdate.push(roundTrips(commands.slice(before)))
      }
    }
    const total = perUpdate.reduce((sum, trips) => sum + trips, 0)
    console.log(
      `Redis commands per update (${CONSUMERS} consumers × ${COMPLAINT_SCRIPT.length} updates, MULTI…EXEC once): ` +
        `total ${total}, mean ${(total / perUpdate.length).toFixed(2)}`,
    )
    console.log(`by step (first consumer): ${perUpdate.slice(0, COMPLAINT_SCRIPT.length).join(' ')}`)
  } finally {
    monitor.disconnect()
    await queues.close()
    const keys = await redis.keys(`${prefix}*`)
    if (keys.length > 0) await redis.del(...keys)
    redis.disconnect()
    await database.drop()
  }
}

function roundTrips(commands: readonly string[]): number {
  let trips = 0
  let inMulti = false
  for (const command of commands) {
    if (command === 'multi') {
      trips++
      inMulti = true
    } else if (command === 'exec') inMulti = false
    else if (!inMulti) trips++
  }
  return trips
}
