import { type JobsOptions, Queue } from 'bullmq'
import type { Logger } from '../logging/logger.ts'
import type { Redis } from '../redis.ts'

/** Every BullMQ queue of the system. */
export const QUEUE_NAMES = ['route', 'notify', 'deadlines', 'broadcast'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

/**
 * Completed jobs are kept for a day so that re-adding a finished job id is a no-op (BullMQ ignores an add
 * whose id exists); failed ones stay until the sweeper or an operator retries them.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
}

export type Queues = Record<QueueName, Queue> & { close(): Promise<void> }

/**
 * The queues under the configured key prefix, sharing one connection of their own: a copy of `redis` without
 * auto-pipelining (see createRedis). Closing the queues closes it. Connection errors are logged as warnings: a
 * BullMQ queue without an `error` listener prints each one to stderr as a raw stack trace.
 */
export function createQueues(redis: Redis, prefix: string, log: Logger): Queues {
  const connectionName = `${redis.options.connectionName ?? 'app'}-queues`
  const connection = redis.duplicate({ enableAutoPipelining: false, connectionName })
  connection.on('error', (error) =>
    log.warn({ err: error, connection: connectionName }, 'queue redis connection error'),
  )
  const make = (name: QueueName) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })
    queue.on('error', (error) => log.warn({ err: error, queue: name }, 'queue error'))
    return queue
  }
  const queues = {
    route: make('route'),
    notify: make('notify'),
    deadlines: make('deadlines'),
    broadcast: make('broadcast'),
  }
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()))
      await connection.quit().catch(() => connection.disconnect())
    },
  }
}
