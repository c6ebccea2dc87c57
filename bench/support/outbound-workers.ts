/**
 * The worker process of the outbound and broadcast benchmarks, as `ROLE=worker` runs in production: the route, notify and broadcast
 * workers and the outbox sweeper, with Telegram's own limits, sending to a fake Bot API that enforces those limits
 * (bench/support/limited-bot-api.ts). Started by bench/support/outbound-run.ts with `fork`; reports every paced Bot API call
 * to the parent over IPC. Protocol: → `ready`, `sent`; ← `close` → `closed`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
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
import { BENCH_ID_ENCRYPTION_KEY } from './bench-database.ts'
import { LimitedBotApi, type SentReport } from './limited-bot-api.ts'

export interface OutboundWorkersOptions {
  token: string
  databaseUrl: string
  redisUrl: string
  prefix: string
  /** Private chats whose user blocked the bot (the fake answers 403). */
  blockedChats?: number[]
}

export type FromOutboundWorkers =
  | { type: 'ready' }
  | { type: 'sent'; sent: SentReport }
  | ({ type: 'closed' } & OutboundWorkersClosed)
export interface OutboundWorkersClosed {
  metrics: string
  inFlightMs: number
  /** The worker process's peak resident set size over its life. */
  peakRssBytes: number
}
export type ToOutboundWorkers = { type: 'close' }

async function run(options: OutboundWorkersOptions): Promise<void> {
  const send = (message: FromOutboundWorkers) => process.send?.(message)
  const config = loadConfig({
    ID_ENCRYPTION_KEY: BENCH_ID_ENCRYPTION_KEY,
    BOT_TOKEN: options.token,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.prefix,
    LOG_LEVEL: 'silent',
    ROLE: 'worker',
  })
  const log = createLogger({ level: process.env.BENCH_LOG_LEVEL === 'warn' ? 'warn' : 'silent' })
  const redis = createRedis(options.redisUrl, { name: 'bench-outbound-workers' })
  const queues = createQueues(redis, options.prefix, log)
  const db = createDatabase(options.databaseUrl)
  const services = createServices({ config, db, redis, queues, log })
  const telegram = new LimitedBotApi(
    (sent) => send({ type: 'sent', sent }),
    undefined,
    new Set(options.blockedChats ?? []),
  )
  const api = new Api(options.token)
  api.config.use(telegram.transformer)
  // Telegram's limits, as production runs (no paid broadcast).
  const workers = await startWorkers({ config, db, services, translator: await createTranslator('zh-CN'), log, api })
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  loopDelay.enable()
  process.on('message', (message: ToOutboundWorkers) => {
    if (message.type !== 'close') return
    void (async () => {
      await workers.close()
      const lag = `worker event-loop delay: p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms`
      const metrics = [
        lag,
        ...(await metricsRegistry.metrics()).split('\n').filter((line) => /^grid_(telegram|job_failures)/.test(line)),
      ].join('\n')
      await queues.close()
      redis.disconnect()
      await db.$disconnect()
      const closed: FromOutboundWorkers = {
        type: 'closed',
        metrics,
        inFlightMs: telegram.inFlightMs,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      }
      process.send?.(closed, () => process.exit(0))
    })()
  })
  process.on('disconnect', () => process.exit(0))
  send({ type: 'ready' })
}

const options = JSON.parse(process.argv[2] ?? '{}') as OutboundWorkersOptions
run(options).catch((error: unknown) => {
  console.error('bench outbound workers failed:', error)
  process.exit(1)
})
