import { type Job, Worker } from 'bullmq'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import type { ComplaintRouting, RouteOutcome } from '../../services/routing/route-complaint.ts'
import { timed } from './job-timing.ts'
import { WORKER_DEFAULTS } from './worker-defaults.ts'

/**
 * The `route` queue: one job per complaint (job id = complaint id). Routing is guarded by the complaint's
 * SUBMITTED status in PostgreSQL, so a job that runs twice, or on two processes, routes once.
 */
export function startRouteWorker(deps: {
  connection: Redis
  prefix: string
  routing: ComplaintRouting
  log: Logger
  concurrency?: number
}): Worker {
  const worker = new Worker(
    'route',
    timed('route', async (job: Job): Promise<RouteOutcome> => {
      const complaintId = (job.data as { complaintId?: unknown }).complaintId
      if (typeof complaintId !== 'string') throw new Error(`route job ${job.id} has no complaintId`)
      return deps.routing.routeComplaint(complaintId)
    }),
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency ?? 32, ...WORKER_DEFAULTS },
  )
  worker.on('failed', (job, error) =>
    deps.log.warn(
      { err: error, jobId: job?.id, attempts: job?.attemptsMade },
      'route job failed; retrying with backoff',
    ),
  )
  worker.on('error', (error) => deps.log.warn({ err: error }, 'route worker error'))
  return worker
}
