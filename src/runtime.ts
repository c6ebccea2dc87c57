import { Api } from 'grammy'
import { createBot } from './bot/create-bot.ts'
import { startBot, WEBHOOK_PATH } from './bot/start-bot.ts'
import type { PollingEnd } from './bot/updates/long-polling.ts'
import type { Config } from './config.ts'
import { createDatabase, databaseIsReachable } from './db/client.ts'
import { mountMetrics } from './http/metrics-endpoint.ts'
import { createHttpApp, deferredPost, listen } from './http/server.ts'
import { createTranslator } from './i18n/translator.ts'
import type { Logger } from './logging/logger.ts'
import { createQueues } from './queue/queues.ts'
import { createRedis, redisIsReachable } from './redis.ts'
import { createServices } from './services/services.ts'
import type { DeliveryLimits } from './telegram/sending/delivery-limits.ts'

export interface Runtime {
  httpPort: number
  /** Stops taking updates, drains workers, then closes HTTP, Redis and PostgreSQL, in that order. */
  stop(): Promise<void>
}

/**
 * Wires the process together according to ROLE; `onPollingEnd` is told when long polling ends by itself. `httpHost`
 * (default all interfaces) is where /healthz listens; the demo keeps it on 127.0.0.1. `deliveryLimits` (default
 * Telegram's) lets the tests that run the runtime in their own process scale the pacing windows down.
 */
export async function startRuntime(
  config: Config,
  log: Logger,
  events: { onPollingEnd: (reason: PollingEnd) => void },
  options: { httpHost?: string; deliveryLimits?: DeliveryLimits } = {},
): Promise<Runtime> {
  const db = createDatabase(config.DATABASE_URL, { log })
  const redis = createRedis(config.REDIS_URL, { name: 'app', autoPipelining: true })
  redis.on('error', (error) => log.warn({ err: error }, 'redis connection error'))
  const translator = await createTranslator(config.DEFAULT_LOCALE)
  const queues = createQueues(redis, config.REDIS_PREFIX, log)
  const services = createServices({ config, db, redis, queues, log })
  const http = createHttpApp(
    [
      { name: 'postgres', check: () => databaseIsReachable(db) },
      { name: 'redis', check: () => redisIsReachable(redis) },
    ],
    log,
    async (): Promise<Record<string, string>> => {
      const year = await services.deadlines.missingYear()
      return year === null
        ? {}
        : {
            holidayCalendar: `the ${year} holiday schedule is not imported: due dates counted into ${year} are provisional`,
          }
    },
  )
  mountMetrics(http, queues)
  // Bull Board (with lodash, valibot and EJS) is loaded only where the dashboard is configured (docs/performance.md).
  if (config.ADMIN_QUEUES_USER && config.ADMIN_QUEUES_PASSWORD) {
    const { mountQueueDashboard } = await import('./http/queue-dashboard.ts')
    mountQueueDashboard(http, queues, { user: config.ADMIN_QUEUES_USER, password: config.ADMIN_QUEUES_PASSWORD })
  }
  const webhookRoute = deferredPost(http, WEBHOOK_PATH)
  // Listening first: /healthz answers while PostgreSQL, Redis and Telegram are still being reached.
  const server = await listen(http, config.HTTP_PORT, options.httpHost)
  log.info({ httpPort: server.port() }, 'http: /healthz listening')
  await reportReachability(log, 'database', () => databaseIsReachable(db))
  await reportReachability(log, 'redis', () => redisIsReachable(redis))

  // Due dates are counted in the bot (staff acts) and the workers alike: both count with the imported years.
  await services.deadlines
    .refreshCalendar()
    .catch((error: unknown) => log.warn({ err: error }, 'holiday calendar not read yet; retrying every 5 minutes'))
  // A year imported from the command line reaches this process within five minutes (workers: every schedule tick).
  const calendarTimer = setInterval(() => {
    services.deadlines
      .refreshCalendar()
      .catch((error: unknown) => log.warn({ err: error }, 'holiday calendar refresh failed'))
  }, 300_000)
  calendarTimer.unref()
  const stops: Array<() => Promise<void>> = [async () => clearInterval(calendarTimer)]
  try {
    if (config.ROLE !== 'worker') {
      const bot = createBot({ token: config.BOT_TOKEN, apiRoot: config.TELEGRAM_API_ROOT, services, translator, log })
      const running = await startBot(bot, config, webhookRoute, { redis, log, onPollingEnd: events.onPollingEnd })
      stops.push(running.stop)
    }
    if (config.ROLE !== 'bot') {
      // Workers send through a plain Api: the notifier paces and handles 429s itself, so no auto-retry here.
      const api = new Api(config.BOT_TOKEN, {
        ...(config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {}),
        timeoutSeconds: 30,
      })
      // Worker-only code loads in the processes that run workers.
      const { startWorkers } = await import('./queue/start-workers.ts')
      const workers = await startWorkers({ config, db, services, translator, log, api, limits: options.deliveryLimits })
      stops.push(workers.close)
    }
  } catch (error) {
    await server.close()
    throw error
  }

  return {
    httpPort: server.port(),
    async stop() {
      for (const stop of stops) await stop()
      await server.close()
      await queues.close()
      await redis.quit().catch(() => redis.disconnect())
      await db.$disconnect()
    },
  }
}

/** Logs whether a dependency answers now; a slow one is reported, not fatal (its clients keep retrying). */
async function reportReachability(log: Logger, name: string, check: () => Promise<boolean>): Promise<void> {
  if (await check().catch(() => false)) log.info(`${name}: reachable`)
  else log.warn(`${name}: not reachable yet; continuing, its client keeps retrying (see /healthz)`)
}
