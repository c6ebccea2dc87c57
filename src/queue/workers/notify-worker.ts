import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq'
import { telegramUncertain } from '../../metrics.ts'
import type { Logger } from '../../logging/logger.ts'
import { notificationPriority } from '../../services/delivery/delivery-priority.ts'
import { parseNotification } from '../../services/delivery/notifications.ts'
import type { JobProgress, Notifier } from '../../services/delivery/notifier.ts'
import { runInSendScope, type SendScope } from '../../services/delivery/send-scope.ts'
import { isTicketNotification, type TicketNotifier } from '../../services/tickets/notifications/ticket-notifier.ts'
import { ChatNotReadyError, MessageRejectedError } from '../../services/delivery/telegram-sender.ts'
import type { Redis } from '../../redis.ts'
import { timed } from './job-timing.ts'
import { WORKER_DEFAULTS } from './worker-defaults.ts'

type NotifyJobData = Record<string, unknown> & { progress?: Record<string, number>; sending?: string | null }

/**
 * The `notify` queue: every outgoing message. Jobs are fetched by priority (a new ticket card first; see
 * delivery-priority.ts) and wait for the bot's overall limit in the send gate, in the same order. A chat that may
 * not receive a message yet delays only its own job (moveToDelayed, not counted as an attempt); 5xx and network
 * errors fail the attempt and BullMQ retries with exponential backoff; a message Telegram rejects (400) is given
 * up and left failed for an operator. There is no BullMQ limiter: the pacer is the one authority on the budget.
 */
export function startNotifyWorker(deps: {
  connection: Redis
  prefix: string
  notifier: Notifier
  /** The ticket lifecycle's notifications (card refresh, relays, rating prompt). */
  ticketNotifier?: TicketNotifier
  log: Logger
  concurrency?: number
}): Worker {
  const worker: Worker = new Worker(
    'notify',
    timed('notify', async (job: Job, token?: string) => {
      const notification = parseNotification(job.data)
      if (!notification) throw new UnrecoverableError(`notify job ${job.id} has no valid notification`)
      const jobId = job.id ?? ''
      const scope = sendScopeOf(job, notificationPriority(notification.type))
      const interrupted = (job.data as NotifyJobData).sending
      if (interrupted) {
        // An earlier run marked a message as on its way and never saw the answer: its process died mid-send.
        telegramUncertain.inc({ method: interrupted, reason: 'process-died' })
        deps.log.warn({ jobId, method: interrupted }, 'a previous run died while sending: the message may have arrived; it will be sent again')
        await scope.clearSending()
      }
      try {
        const delivery = { jobId, progress: progressOf(job) }
        return await runInSendScope(scope, () =>
          isTicketNotification(notification) && deps.ticketNotifier ? deps.ticketNotifier.deliver(notification, delivery) : deps.notifier.deliver(notification, delivery),
        )
      } catch (error) {
        if (error instanceof ChatNotReadyError) {
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

/** The job's priority, and the in-flight mark kept in the job's data (it survives the process). */
function sendScopeOf(job: Job, priority: SendScope['priority']): SendScope {
  const write = (sending: string | null) => job.updateData({ ...(job.data as NotifyJobData), sending })
  return {
    priority,
    markSending: (method) => write(method),
    async clearSending() {
      if ((job.data as NotifyJobData).sending) await write(null)
    },
  }
}
