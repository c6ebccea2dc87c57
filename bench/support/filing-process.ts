import { randomUUID } from 'node:crypto'
import { loadConfig } from '../../src/config.ts'
import { createDatabase } from '../../src/db/client.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { createQueues } from '../../src/queue/queues.ts'
import { createRedis } from '../../src/redis.ts'
import { createServices } from '../../src/services/services.ts'
import { BENCH_ID_ENCRYPTION_KEY, createBenchDatabase } from './bench-database.ts'

export const BENCH_TOKEN = '123456789:BENCH-token_for_the_in_process_api_00'

/** `--name N` from the command line, a positive number, or `fallback`. */
export function benchOption(args: string[], name: string, fallback: number): number {
  const index = args.indexOf(`--${name}`)
  const value = index >= 0 ? Number(args[index + 1]) : fallback
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`)
  return value
}

/**
 * The benchmark's own process, filing as the bot process does (ROLE=bot, the production pool size), on a
 * throw-away database and a Redis prefix of its own; `close` removes both.
 */
export async function startFilingProcess(name: string) {
  const database = await createBenchDatabase()
  const prefix = `bench-${name}-${randomUUID().slice(0, 8)}`
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'
  const config = loadConfig({
    ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
    BOT_TOKEN: BENCH_TOKEN,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    MAX_COMPLAINTS_PER_DAY: '1000000',
    ROLE: 'bot',
  })
  const log = createLogger({ level: 'silent' })
  const redis = createRedis(redisUrl, { name: `bench-${name}` })
  const queues = createQueues(redis, prefix, log)
  const db = createDatabase(database.url)
  const services = createServices({ config, db, redis, queues, log })
  return {
    database,
    prefix,
    redisUrl,
    queues,
    db,
    services,
    async close(): Promise<void> {
      await queues.close()
      redis.disconnect()
      const cleaner = createRedis(redisUrl, { name: 'bench-clean' })
      for await (const keys of cleaner.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>)
        if (keys.length) await cleaner.del(...keys)
      cleaner.disconnect()
      await db.$disconnect()
      await database.drop()
    },
  }
}
