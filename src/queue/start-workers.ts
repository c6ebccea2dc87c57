import type { Worker } from 'bullmq'
import type { Api } from 'grammy'
import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import { telegramSent, telegramUncertain } from '../http/metrics.ts'
import type { Translator } from '../i18n/translator.ts'
import type { Logger } from '../logging/logger.ts'
import { createChatPacer } from '../services/delivery/chat-pacer.ts'
import { TELEGRAM_LIMITS, type DeliveryLimits } from '../services/delivery/delivery-limits.ts'
import { createNotifier } from '../services/delivery/notifier.ts'
import { createSendGate } from '../services/delivery/send-gate.ts'
import { createTelegramSender } from '../services/delivery/telegram-sender.ts'
import { createTicketNotifier } from '../services/tickets/notifications/ticket-notifier.ts'
import type { Services } from '../services/services.ts'
import { createRedis, type Redis } from './redis.ts'
import { checkEvictionPolicy } from './redis-policy.ts'
import { startNotifyWorker } from './workers/notify-worker.ts'
import { startOutboxSweeper, type SweeperOptions } from './workers/outbox-sweeper.ts'
import { startRouteWorker } from './workers/route-worker.ts'
import { startSummaryPosting } from './workers/summary-posting-worker.ts'

export interface WorkerDeps {
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DEFAULT_LOCALE'>
  db: Database
  services: Services
  translator: Translator
  log: Logger
  /** Sends to Telegram: `new Api(token, { apiRoot })`, without auto-retry (the notifier handles 429s). */
  api: Api
  /** Telegram's limits by default; tests scale the windows down. */
  limits?: DeliveryLimits
  sweeper?: SweeperOptions
  concurrency?: { route?: number; notify?: number }
}

export interface RunningWorkers {
  /** Stops taking jobs, lets running jobs finish, then closes the workers' Redis connections. */
  close(): Promise<void>
}

/**
 * Starts every BullMQ worker of this process (route, notify) and the outbox sweeper, each on Redis
 * connections of its own. Any number of worker processes may run against the same Redis.
 */
export async function startWorkers(deps: WorkerDeps): Promise<RunningWorkers> {
  const { config, log } = deps
  const limits = deps.limits ?? TELEGRAM_LIMITS
  const connections: Redis[] = []
  const connect = (name: string) => {
    const redis = createRedis(config.REDIS_URL, { name })
    redis.on('error', (error) => log.warn({ err: error, connection: name }, 'worker redis connection error'))
    connections.push(redis)
    return redis
  }
  const shared = connect('worker')
  await checkEvictionPolicy(shared, log)

  const pacer = createSendGate(createChatPacer(shared, config.REDIS_PREFIX, limits))
  const sender = createTelegramSender({
    api: deps.api,
    pacer,
    log,
    onSent: (method) => telegramSent.inc({ method }),
    onUncertain: (method, reason) => telegramUncertain.inc({ method, reason }),
  })
  const notifier = createNotifier({ db: deps.db, sender, translator: deps.translator, outbox: deps.services.outbox, log, defaultLocale: config.DEFAULT_LOCALE })
  const ticketNotifier = createTicketNotifier({ db: deps.db, sender, translator: deps.translator, outbox: deps.services.outbox, log, defaultLocale: config.DEFAULT_LOCALE, api: deps.api, pacer })
  const workers: Worker[] = [
    startRouteWorker({ connection: connect('route-worker'), prefix: config.REDIS_PREFIX, routing: deps.services.routing, log, concurrency: deps.concurrency?.route }),
    startNotifyWorker({ connection: connect('notify-worker'), prefix: config.REDIS_PREFIX, notifier, ticketNotifier, log, concurrency: deps.concurrency?.notify }),
  ]
  const summaries = await startSummaryPosting({
    db: deps.db, api: deps.api, statistics: deps.services.statistics, translator: deps.translator, log,
    connection: connect('summary-posting'), prefix: config.REDIS_PREFIX, defaultLocale: config.DEFAULT_LOCALE,
  })
  const sweeper = startOutboxSweeper({ redis: shared, prefix: config.REDIS_PREFIX, outbox: deps.services.outbox, log }, deps.sweeper)
  await Promise.all(workers.map((worker) => worker.waitUntilReady()))
  log.info({ queues: workers.map((worker) => worker.name) }, 'workers started')

  return {
    async close() {
      await sweeper.stop()
      await summaries.close()
      await Promise.all(workers.map((worker) => worker.close()))
      await Promise.all(connections.map((redis) => redis.quit().catch(() => redis.disconnect())))
    },
  }
}
