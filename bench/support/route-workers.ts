/**
 * The worker process of the routing benchmark, as `ROLE=worker` runs in production: the route and notify workers
 * (and the outbox sweeper) against the run's database and Redis prefix, with Bot API calls answered in-process.
 * Started by bench/route.ts with `fork`; reports every ticket card to the parent over IPC, timed on the shared
 * clock (sharedNow). Protocol: → `ready`, `card`; ← `close` → `closed` (with job timings when asked).
 */

import { Api } from 'grammy'
import { loadConfig } from '../../src/config.ts'
import { createDatabase } from '../../src/db/client.ts'
import { createTranslator } from '../../src/i18n/translator.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { metricsRegistry } from '../../src/metrics.ts'
import { createQueues } from '../../src/queue/queues.ts'
import { startWorkers } from '../../src/queue/start-workers.ts'
import { createRedis } from '../../src/redis.ts'
import { createServices } from '../../src/services/services.ts'
import { TELEGRAM_LIMITS } from '../../src/telegram/sending/delivery-limits.ts'
import { BENCH_ID_ENCRYPTION_KEY } from './bench-database.ts'
import { RouteBenchTelegram } from './route-telegram.ts'

export interface RouteWorkersOptions {
  token: string
  databaseUrl: string
  redisUrl: string
  prefix: string
}

export type FromWorkers =
  | { type: 'ready' }
  | { type: 'card'; complaintId: string; sentAt: number }
  | { type: 'closed'; timings?: string }
export type ToWorkers = { type: 'close'; timings: boolean }

async function run(options: RouteWorkersOptions): Promise<void> {
  const send = (message: FromWorkers) => process.send?.(message)
  const config = loadConfig({
    ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
    BOT_TOKEN: options.token,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.prefix,
    LOG_LEVEL: 'silent',
    ROLE: 'worker',
  })
  const log = createLogger({ level: 'silent' })
  const redis = createRedis(options.redisUrl, { name: 'bench-route-workers' })
  const queues = createQueues(redis, options.prefix, log)
  const db = createDatabase(options.databaseUrl)
  const services = createServices({ config, db, redis, queues, log })
  const telegram = new RouteBenchTelegram((complaintId, sentAt) => send({ type: 'card', complaintId, sentAt }))
  const api = new Api(options.token)
  api.config.use(telegram.transformer)
  // Paid-broadcast global limit: at 50 complaints/s the bot sends ~100 messages/s (card + consumer status),
  // past the free ~30/s. Per-chat limits stay as Telegram's; each group gets one card every few seconds.
  const limits = { ...TELEGRAM_LIMITS, global: { limit: 1000, windowMs: 1000 } }
  const workers = await startWorkers({
    config,
    db,
    services,
    translator: await createTranslator('zh-CN'),
    log,
    api,
    limits,
  })
  process.on('message', (message: ToWorkers) => {
    if (message.type !== 'close') return
    void (async () => {
      await workers.close()
      const timings = message.timings
        ? await metricsRegistry.getSingleMetricAsString('grid_job_duration_seconds')
        : undefined
      await queues.close()
      redis.disconnect()
      await db.$disconnect()
      // Exit once the parent has the message: nothing of this process outlives the run.
      process.send?.({ type: 'closed', ...(timings ? { timings } : {}) } satisfies FromWorkers, () => process.exit(0))
    })()
  })
  // A parent that died (Ctrl-C, a crash) leaves no worker process behind.
  process.on('disconnect', () => process.exit(0))
  send({ type: 'ready' })
}

const options = JSON.parse(process.argv[2] ?? '{}') as RouteWorkersOptions
run(options).catch((error: unknown) => {
  console.error('bench route workers failed:', error)
  process.exit(1)
})
