import { Queue, Worker } from 'bullmq'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'

export const STATISTICS_ROLLUP_QUEUE = 'statistics-rollup'
const SCHEDULER_ID = 'statistics-rollup-every-minute'
/** How often changed months are rolled up again; until then they are read from the rows (exact, slower). */
const EVERY_MS = 60_000
/** How often the scheduler is written again, in case Redis lost it. */
const ENSURE_EVERY_MS = 10 * 60_000

/**
 * The statistics rollup job: a BullMQ job scheduler runs it every minute in one worker process at a time; it rolls
 * up the months whose tickets changed (src/services/statistics/statistics-rollup.ts). Nothing is lost when Redis
 * is: the changes are logged in PostgreSQL, and the figures read changed months from the rows meanwhile.
 */
export async function startStatisticsRollup(deps: {
  rollUp: () => Promise<number>
  connection: Redis
  prefix: string
  log: Logger
}) {
  const queue = new Queue(STATISTICS_ROLLUP_QUEUE, { connection: deps.connection, prefix: deps.prefix })
  queue.on('error', (error) => deps.log.warn({ err: error, queue: STATISTICS_ROLLUP_QUEUE }, 'queue error'))
  const worker = new Worker(
    STATISTICS_ROLLUP_QUEUE,
    async () => {
      const months = await deps.rollUp()
      if (months > 0) deps.log.info({ months }, 'statistics rolled up')
      return months
    },
    { connection: deps.connection.duplicate({ maxRetriesPerRequest: null }), prefix: deps.prefix, concurrency: 1 },
  )
  worker.on('error', (error) => deps.log.warn({ err: error }, 'statistics rollup worker error'))
  worker.on('failed', (_job, error) => deps.log.warn({ err: error }, 'statistics rollup failed; next run retries'))
  const ensure = () =>
    queue
      .upsertJobScheduler(
        SCHEDULER_ID,
        { every: EVERY_MS },
        { name: 'roll-up', opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } } },
      )
      .catch((error: unknown) =>
        deps.log.warn({ err: error }, 'statistics rollup scheduler not written; retrying later'),
      )
  await ensure()
  const timer = setInterval(() => void ensure(), ENSURE_EVERY_MS)
  timer.unref()
  return {
    async close() {
      clearInterval(timer)
      await worker.close()
      await queue.close()
    },
  }
}
