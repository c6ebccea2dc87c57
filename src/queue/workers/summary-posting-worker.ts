import { Queue, Worker } from 'bullmq'
import type { Locale } from '../../i18n/locales.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import { postDueSummaries, type SummaryPostingDeps } from '../../services/statistics/summary-posting.ts'

export const SUMMARY_POSTING_QUEUE = 'summary-posting'
const SCHEDULER_ID = 'summary-posting-daily'
/** Every hour from 09:00 to 18:00 Asia/Shanghai: the first run posts, later ones catch up after an outage. */
const PATTERN = '0 9-18 * * *'
/** How often the scheduler is written again, in case Redis lost it (default 10 min). */
const ENSURE_EVERY_MS = 10 * 60_000

/**
 * The scheduled work summaries: a BullMQ job scheduler ticks hourly from 09:00; each tick posts whatever is due
 * and not yet posted (PostgreSQL's summary_posting decides that, not Redis). The scheduler is written again at
 * start and every few minutes, so a restart or a Redis flush loses at most one tick; at start a tick runs at once.
 */
export async function startSummaryPosting(
  deps: SummaryPostingDeps & {
    connection: Redis
    prefix: string
    log: Logger
    defaultLocale: Locale
    clock?: () => Date
  },
) {
  const clock = deps.clock ?? (() => new Date())
  const queue = new Queue(SUMMARY_POSTING_QUEUE, { connection: deps.connection, prefix: deps.prefix })
  queue.on('error', (error) => deps.log.warn({ err: error, queue: SUMMARY_POSTING_QUEUE }, 'queue error'))
  const worker = new Worker(SUMMARY_POSTING_QUEUE, async () => postDueSummaries(deps, clock(), deps.defaultLocale), {
    connection: deps.connection.duplicate({ maxRetriesPerRequest: null }),
    prefix: deps.prefix,
    concurrency: 1,
  })
  worker.on('error', (error) => deps.log.warn({ err: error }, 'summary posting worker error'))
  const ensure = () =>
    queue
      .upsertJobScheduler(
        SCHEDULER_ID,
        { pattern: PATTERN, tz: 'Asia/Shanghai' },
        {
          name: 'post-due-summaries',
          opts: { removeOnComplete: { count: 50 }, removeOnFail: { count: 50 } },
        },
      )
      .catch((error: unknown) => deps.log.warn({ err: error }, 'summary posting scheduler not written; retrying later'))
  await ensure()
  const timer = setInterval(() => void ensure(), ENSURE_EVERY_MS)
  timer.unref()
  const catchUp = postDueSummaries(deps, clock(), deps.defaultLocale).catch((error: unknown) =>
    deps.log.warn({ err: error }, 'summary posting catch-up failed'),
  )
  return {
    worker,
    async close() {
      clearInterval(timer)
      await catchUp
      await worker.close()
      await queue.close()
    },
  }
}
