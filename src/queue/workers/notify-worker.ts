import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq'
import type { Logger } from '../../logging/logger.ts'
import type { DeliveryLimits } from '../../services/delivery/delivery-limits.ts'
import { parseNotification } from '../../services/delivery/notifications.ts'
import type { JobProgress, Notifier } from '../../services/delivery/notifier.ts'
import { isTicketNotification, type TicketNotifier } from '../../services/tickets/notifications/ticket-notifier.ts'
import { ChatNotReadyError, MessageRejectedError } from '../../services/delivery/telegram-sender.ts'
import type { Redis } from '../redis.ts'
import { timed } from './job-timing.ts'
import { WORKER_DEFAULTS } from './worker-defaults.ts'

type NotifyJobData = Record<string, unknown> & { progress?: Record<string, number> }

/**
 * The `notify` queue: every outgoing message. A chat that may not receive a message yet delays only its own
 * job (moveToDelayed, not counted as an attempt); the bot's overall limit pauses the whole worker; 5xx and
 * network errors fail the attempt and BullMQ retries with exponential backoff; a message Telegram rejects
 * (400) is given up and left failed for an operator.
 */
export function startNotifyWorker(deps: {
  connection: Redis
  prefix: string
  notifier: Notifier
  /** The ticket lifecycle's notifications (card refresh, relays, rating prompt). */
  ticketNotifier?: TicketNotifier
  limits: DeliveryLimits
  log: Logger
  concurrency?: number
}): Worker {
  const worker: Worker = new Worker(
    'notify',
    timed('notify', async (job: Job, token?: string) => {
      const notification = parseNotification(job.data)
      if (!notification) throw new UnrecoverableError(`notify job ${job.id} has no valid notification`)
      const jobId = job.id ?? ''
      try {
        const delivery = { jobId, progress: progressOf(job) }
        if (isTicketNotification(notification) && deps.ticketNotifier) return await deps.ticketNotifier.deliver(notification, delivery)
        return await deps.notifier.deliver(notification, delivery)
      } catch (error) {
        if (error instanceof ChatNotReadyError) {
          if (error.scope === 'global') {
            await worker.rateLimit(error.waitMs)
            throw Worker.RateLimitError()
          }
          await job.moveToDelayed(Date.now() + error.waitMs, token)
          throw new DelayedError()
        }
        if (error instanceof MessageRejectedError) {
          deps.log.error({ jobId, method: error.method, reason: error.description }, 'Telegram rejected a notification; given up')
          await deps.notifier.abandon(jobId, error.message)
          throw new UnrecoverableError(error.message)
        }
        throw error
      }
    }),
    {
      connection: deps.connection,
      prefix: deps.prefix,
      concurrency: deps.concurrency ?? 64,
      // A coarse cap on jobs; the pacer enforces the exact per-message limits across processes.
      limiter: { max: deps.limits.global.limit, duration: deps.limits.global.windowMs },
      ...WORKER_DEFAULTS,
    },
  )
  worker.on('failed', (job, error) => deps.log.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'notify job failed'))
  worker.on('error', (error) => deps.log.warn({ err: error }, 'notify worker error'))
  return worker
}

/** Progress stored in the job's own data, so a delayed or retried job resumes where it stopped. */
function progressOf(job: Job): JobProgress {
  return {
    get: (key) => (job.data as NotifyJobData).progress?.[key],
    async set(key, value) {
      const data = job.data as NotifyJobData
      await job.updateData({ ...data, progress: { ...data.progress, [key]: value } })
    },
  }
}
