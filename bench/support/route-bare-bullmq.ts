// The baseline of the routing benchmark: bare BullMQ, add → completed with an empty processor, at the same rate.
import { Queue, Worker } from 'bullmq'
import { createRedis } from '../../src/redis.ts'

export interface PacedRun {
  latencies: number[]
  wallMs: number
}

/** Calls `start(i)` every 1000/rate ms for `seconds`, without waiting for earlier ones. */
export async function atRate(rate: number, seconds: number, start: (index: number) => void): Promise<void> {
  const total = Math.round(rate * seconds)
  const began = performance.now()
  for (let i = 0; i < total; i++) {
    const due = began + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    start(i)
  }
}

/** Bare BullMQ under the same prefix, Redis and rate: the floor any queue-based delivery stands on. */
export async function bareBullmq(redisUrl: string, prefix: string, rate: number, seconds: number): Promise<PacedRun> {
  const connection = createRedis(redisUrl, { name: 'bench-bare' })
  const queue = new Queue('bench-bare', { connection, prefix })
  const workerConnection = createRedis(redisUrl, { name: 'bench-bare-worker' })
  const worker = new Worker('bench-bare', async () => 'ok', { connection: workerConnection, prefix, concurrency: 16 })
  await worker.waitUntilReady()
  const addedAt = new Map<string, number>()
  const latencies: number[] = []
  let done!: () => void
  const finished = new Promise<void>((resolve) => (done = resolve))
  const total = Math.round(rate * seconds)
  worker.on('completed', (job) => {
    const start = addedAt.get(job.id ?? '')
    if (start !== undefined) latencies.push(performance.now() - start)
    if (latencies.length === total) done()
  })
  const began = performance.now()
  await atRate(rate, seconds, (i) => {
    addedAt.set(`b${i}`, performance.now())
    void queue.add('bare', { i }, { jobId: `b${i}`, removeOnComplete: true })
  })
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 30_000))])
  const wallMs = performance.now() - began
  await worker.close()
  await queue.obliterate({ force: true }).catch(() => undefined)
  await queue.close()
  connection.disconnect()
  workerConnection.disconnect()
  return { latencies, wallMs }
}
