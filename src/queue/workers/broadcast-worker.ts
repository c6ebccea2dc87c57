import { Queue, Worker } from 'bullmq'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import type { BroadcastControls } from '../../services/warnings/broadcast-control.ts'
import type { Broadcaster } from '../../services/warnings/broadcaster.ts'
import { enqueueBroadcast } from '../../services/warnings/warnings-service.ts'
import { WORKER_DEFAULTS } from './worker-defaults.ts'

export interface BroadcastWorkerOptions {
  /** How often PostgreSQL is asked for broadcasts that should be running (default 15 s; also at start-up). */
  sweepIntervalMs?: number
  /** Broadcasts this process runs at once (default 2); they share the budget that other messages leave. */
  concurrency?: number
}

/**
 * The `broadcast` queue: one job per warning, running its whole broadcast (services/warnings/broadcaster.ts). The
 * job is only the trigger: who is left lives in PostgreSQL. A Redis flush loses the job, so every worker process
 * asks PostgreSQL at start-up and then every few seconds for broadcasts that should be running, and queues them
 * again (idempotent: the job id is the warning's). Closing stops the running broadcasts between two messages.
 */
export function startBroadcastWorker(
  deps: {
    connection: Redis
    queueConnection: Redis
    prefix: string
    broadcaster: Broadcaster
    controls: BroadcastControls
    log: Logger
  },
  options: BroadcastWorkerOptions = {},
) {
  const closing = new AbortController()
  const worker = new Worker(
    'broadcast',
    async (job) => {
      const warningId = Number((job.data as { warningId?: unknown }).warningId)
      if (!Number.isInteger(warningId)) return 'MISSING'
      return deps.broadcaster.run(warningId, { signal: closing.signal })
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: options.concurrency ?? 2, ...WORKER_DEFAULTS },
  )
  worker.on('failed', (job, error) => deps.log.warn({ err: error, jobId: job?.id }, 'broadcast job failed'))
  worker.on('error', (error) => deps.log.warn({ err: error }, 'broadcast worker error'))

  const queue = new Queue('broadcast', { connection: deps.queueConnection, prefix: deps.prefix })
  queue.on('error', (error) => deps.log.warn({ err: error }, 'broadcast queue error'))
  const sweep = async () => {
    for (const warningId of await deps.controls.unfinished()) await enqueueBroadcast({ broadcast: queue }, warningId)
  }
  let running = sweep().catch((error: unknown) => deps.log.warn({ err: error }, 'broadcast sweep failed'))
  const timer = setInterval(() => {
    running = sweep().catch((error: unknown) => deps.log.warn({ err: error }, 'broadcast sweep failed'))
  }, options.sweepIntervalMs ?? 15_000)
  timer.unref()

  return {
    worker,
    async close(): Promise<void> {
      clearInterval(timer)
      closing.abort()
      await running
      await worker.close()
      await queue.close()
    },
  }
}
