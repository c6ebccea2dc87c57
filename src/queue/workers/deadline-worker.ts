import { type Job, Worker } from 'bullmq'
import { type LocalDate, localDateOf } from '../../domain/calendar/local-date.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import { localInstant, QUIET_FROM } from '../../services/deadlines/deadline-schedule.ts'
import type { Deadlines } from '../../services/deadlines/deadlines.ts'
import { WORKER_DEFAULTS } from './worker-defaults.ts'

/**
 * The `deadlines` queue: one job per working day runs that day's deadline work (services/deadlines/deadline-day.ts).
 * A job that fires on another day, or at night, does nothing: the schedule adds the right one.
 */
export function startDeadlineWorker(deps: {
  connection: Redis
  prefix: string
  deadlines: Deadlines
  reminderTime: string
  log: Logger
}): Worker {
  const worker = new Worker(
    'deadlines',
    async (job: Job<{ day: LocalDate }>) => {
      const now = deps.deadlines.now()
      const today = localDateOf(now)
      if (
        job.data.day !== today ||
        now < localInstant(today, deps.reminderTime) ||
        now >= localInstant(today, QUIET_FROM)
      )
        return { status: 'not-now' }
      return deps.deadlines.runDay(today)
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: 1, ...WORKER_DEFAULTS, lockDuration: 60_000 },
  )
  worker.on('failed', (job, error) => deps.log.warn({ err: error, jobId: job?.id }, 'deadline job failed'))
  worker.on('error', (error) => deps.log.warn({ err: error }, 'deadline worker error'))
  return worker
}

/** Ticks the schedule on a timer in every worker process (like the outbox sweeper; a Redis flush cannot lose it). */
export function startDeadlineTicker(schedule: { tick(): Promise<void> }, log: Logger, intervalMs = 60_000) {
  let running: Promise<void> = Promise.resolve()
  let stopped = false
  const tick = () => {
    if (stopped) return
    running = running
      .then(() => schedule.tick())
      .catch((error: unknown) => log.warn({ err: error }, 'deadline schedule tick failed; next tick retries'))
  }
  tick()
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    async stop(): Promise<void> {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
