import { Queue, type Worker } from 'bullmq'
import type { Api } from 'grammy'
import type { Config } from '../config.ts'
import type { Database } from '../db/client.ts'
import type { Translator } from '../i18n/translator.ts'
import type { Logger } from '../logging/logger.ts'
import { telegramSent, telegramUncertain } from '../metrics.ts'
import { checkEvictionPolicy, createRedis, type Redis } from '../redis.ts'
import { createDeadlineSchedule } from '../services/deadlines/deadline-schedule.ts'
import { createNotifications } from '../services/notifications/create-notifications.ts'
import type { Services } from '../services/services.ts'
import { createBroadcaster } from '../services/warnings/broadcaster.ts'
import type { DeliveryLimits } from '../telegram/sending/delivery-limits.ts'
import { type BroadcastWorkerOptions, startBroadcastWorker } from './workers/broadcast-worker.ts'
import { startDeadlineTicker, startDeadlineWorker } from './workers/deadline-worker.ts'
import { startNotifyWorker } from './workers/notify-worker.ts'
import { type SweeperOptions, startOutboxSweeper } from './workers/outbox-sweeper.ts'
import { startRouteWorker } from './workers/route-worker.ts'
import { startStatisticsRollup } from './workers/statistics-rollup-worker.ts'
import { startSummaryPosting } from './workers/summary-posting-worker.ts'

export interface WorkerDeps {
  config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'DEFAULT_LOCALE'> & Partial<Pick<Config, 'REMINDER_TIME'>>
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
  /** How often the deadline schedule is checked (default 60 s; tests tick faster). */
  deadlineTickMs?: number
  broadcasts?: BroadcastWorkerOptions & { progressIntervalMs?: number }
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
  const connections: Redis[] = []
  const connect = (name: string) => {
    const redis = createRedis(config.REDIS_URL, { name })
    redis.on('error', (error) => log.warn({ err: error, connection: name }, 'worker redis connection error'))
    connections.push(redis)
    return redis
  }
  const shared = connect('worker')
  await checkEvictionPolicy(shared, log)

  const { notifier, sender, editHtml } = createNotifications({
    db: deps.db,
    outbox: deps.services.outbox,
    translator: deps.translator,
    log,
    api: deps.api,
    redis: shared,
    redisPrefix: config.REDIS_PREFIX,
    defaultLocale: config.DEFAULT_LOCALE,
    limits: deps.limits,
    onSent: (method) => telegramSent.inc({ method }),
    onUncertain: (method, reason) => telegramUncertain.inc({ method, reason }),
  })
  const workers: Worker[] = [
    startRouteWorker({
      connection: connect('route-worker'),
      prefix: config.REDIS_PREFIX,
      routing: deps.services.routing,
      log,
      concurrency: deps.concurrency?.route,
    }),
    startNotifyWorker({
      connection: connect('notify-worker'),
      prefix: config.REDIS_PREFIX,
      notifier,
      log,
      concurrency: deps.concurrency?.notify,
    }),
  ]
  const reminderTime = config.REMINDER_TIME ?? '09:00'
  const { deadlines } = deps.services
  workers.push(
    startDeadlineWorker({
      connection: connect('deadline-worker'),
      prefix: config.REDIS_PREFIX,
      deadlines,
      reminderTime,
      log,
    }),
  )
  const deadlineQueue = new Queue('deadlines', { connection: connect('deadline-queue'), prefix: config.REDIS_PREFIX })
  deadlineQueue.on('error', (error) => log.warn({ err: error }, 'deadline queue error'))
  const schedule = createDeadlineSchedule({
    db: deps.db,
    outbox: deps.services.outbox,
    log,
    queue: deadlineQueue,
    now: deadlines.now,
    refreshCalendar: deadlines.refreshCalendar,
    reminderTime,
  })
  const ticker = startDeadlineTicker(schedule, log, deps.deadlineTickMs)
  const summaries = await startSummaryPosting({
    db: deps.db,
    sender,
    statistics: deps.services.statistics,
    translator: deps.translator,
    log,
    connection: connect('summary-posting'),
    prefix: config.REDIS_PREFIX,
    defaultLocale: config.DEFAULT_LOCALE,
  })
  const broadcasts = startBroadcastWorker(
    {
      connection: connect('broadcast-worker'),
      queueConnection: connect('broadcast-queue'),
      prefix: config.REDIS_PREFIX,
      broadcaster: createBroadcaster({
        db: deps.db,
        sender,
        editHtml,
        translator: deps.translator,
        log,
        progressIntervalMs: deps.broadcasts?.progressIntervalMs,
      }),
      controls: deps.services.warnings.broadcasts,
      log,
    },
    deps.broadcasts,
  )
  workers.push(broadcasts.worker)
  const rollup = await startStatisticsRollup({
    rollUp: deps.services.statistics.rollUp,
    connection: connect('statistics-rollup'),
    prefix: config.REDIS_PREFIX,
    log,
  })
  const sweeper = startOutboxSweeper(
    { redis: shared, prefix: config.REDIS_PREFIX, outbox: deps.services.outbox, log },
    deps.sweeper,
  )
  await Promise.all(workers.map((worker) => worker.waitUntilReady()))
  log.info({ queues: workers.map((worker) => worker.name) }, 'workers started')

  return {
    async close() {
      await sweeper.stop()
      await ticker.stop()
      await deadlineQueue.close()
      await summaries.close()
      await broadcasts.close()
      await rollup.close()
      await Promise.all(workers.map((worker) => worker.close()))
      await Promise.all(connections.map((redis) => redis.quit().catch(() => redis.disconnect())))
    },
  }
}
