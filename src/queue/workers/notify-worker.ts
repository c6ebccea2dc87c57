import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq'
import type { Logger } from '../../logging/logger.ts'
import { telegramUncertain } from '../../metrics.ts'
import type { Redis } from '../../redis.ts'
import type { JobProgress } from '../../services/notifications/notification-kind.ts'
import { InvalidNotificationError, type Notifier } from '../../services/notifications/notifier.ts'
import { runInSendScope, type SendScope } from '../../telegram/sending/send-scope.ts'
import { ChatNotReadyError, MessageRejectedError } from '../../telegram/sending/telegram-sender.ts'
import { timed } from './job-timing.ts'
import { WORKER_DEFAULTS } from './worker-defaults.ts'

type NotifyJobData = Record<string, unknown> & { progress?: Record<string, number>; sending?: string | null }

/**
 * The `notify` queue: every outgoing message. A job is parsed through its kind's schema (services/notifications/
 * registry.ts), delivered by the kind, and its errors mapped to BullMQ's outcomes. Jobs are fetched by priority
 * (a new ticket card first; see delivery-priority.ts) and wait for the bot's overall limit in the send gate, in the same order. A chat that may
 * not receive a message yet delays only its own job (moveToDelayed, not counted as an attempt); 5xx and network
 * errors fail the attempt and BullMQ retries with exponential backoff; a message Telegram rejects (400) is given
 * up and left failed for an operator. There is no BullMQ limiter: the pacer is the one authority on the budget.
 */
export function startNotifyWorker(deps: {
  connection: Redis
  prefix: string
  notifier: Notifier
  log: Logger
  concurrency?: number
}): Worker {
  const worker: Worker = new Worker(
    'notify',
    timed('notify', async (job: Job, token?: string) => {
      const jobId = job.id ?? ''
      const notification = parse(jobId, job.data)
      const scope = sendScopeOf(job, notification.kind.priority)
      const interrupted = (job.data as NotifyJobData).sending
      if (interrupted) {
        // An earlier run marked a message as on its way and never saw the answer: its process died mid-send.
        telegramUncertain.inc({ method: interrupted, reason: 'process-died' })
        deps.log.warn(
          { jobId, method: interrupted },
          'a previous run died while sending: the message may have arrived; it will be sent again',
        )
        await scope.clearSending()
      }
      try {
        const delivery = { jobId, progress: progressOf(job) }
        return await runInSendScope(scope, () => deps.notifier.deliver(notification, delivery))
      } catch (error) {
        if (error instanceof ChatNotReadyError) {
          await job.moveToDelayed(Date.now() + error.waitMs, token)
          throw new DelayedError()
        }
        if (error instanceof MessageRejectedError) {
          deps.log.error(
            { jobId, method: error.method, reason: error.description },
            'Telegram rejected a notification; given up',
          )
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
  function parse(jobId: string, data: unknown) {
    try {
      return deps.notifier.parse(jobId, data)
    } catch (error) {
      if (!(error instanceof InvalidNotificationError)) throw error
      deps.log.error({ jobId, problem: error.problem }, 'notify job with an invalid payload; failed without retrying')
      throw new UnrecoverableError(error.message)
    }
  }
  worker.on('failed', (job, error) =>
    deps.log.warn({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, 'notify job failed'),
  )
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
