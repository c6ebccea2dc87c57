import { Queue, type JobsOptions } from 'bullmq'
import type { Redis } from './redis.ts'

/** Every BullMQ queue of the system. */
export const QUEUE_NAMES = ['route', 'notify'] as const
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
 * auto-pipelining (see createRedis). Closing the queues closes it.
 */
export function createQueues(redis: Redis, prefix: string): Queues {
  const connection = redis.duplicate({ enableAutoPipelining: false, connectionName: `${redis.options.connectionName ?? 'app'}-queues` })
  const make = (name: QueueName) => new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })
  const queues = { route: make('route'), notify: make('notify') }
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((queue) => queue.close()))
      await connection.quit().catch(() => connection.disconnect())
    },
  }
}
