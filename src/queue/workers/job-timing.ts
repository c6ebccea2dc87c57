import { DelayedError, type Job, RateLimitError } from 'bullmq'
import { jobDuration, jobFailures } from '../../metrics.ts'
import type { QueueName } from '../queues.ts'

/** Wraps a processor so that every run is timed and every failure counted, by queue. */
export function timed<T>(queue: QueueName, processor: (job: Job, token?: string) => Promise<T>) {
  return async (job: Job, token?: string): Promise<T> => {
    const stop = jobDuration.startTimer({ queue })
    try {
      const result = await processor(job, token)
      stop({ outcome: 'completed' })
      return result
    } catch (error) {
      const paced = error instanceof DelayedError || error instanceof RateLimitError
      stop({ outcome: paced ? 'delayed' : 'failed' })
      if (!paced) jobFailures.inc({ queue })
      throw error
    }
  }
}
