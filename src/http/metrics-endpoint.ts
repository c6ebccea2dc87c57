import type { Hono } from 'hono'
import { Gauge, Registry } from 'prom-client'
import { metricsRegistry } from '../metrics.ts'
import { QUEUE_NAMES, type Queues } from '../queue/queues.ts'

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const

/** Mounts GET /metrics (Prometheus text format); queue depths are read from Redis at scrape time. */
export function mountMetrics(app: Hono, queues: Queues): void {
  const depth = new Gauge({
    name: 'grid_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [],
    async collect() {
      const counts = await Promise.all(
        QUEUE_NAMES.map(async (name) => [name, await queues[name].getJobCounts(...JOB_STATES)] as const),
      )
      for (const [queue, byState] of counts) {
        for (const state of JOB_STATES) this.set({ queue, state }, byState[state] ?? 0)
      }
    },
  })
  app.get('/metrics', async (c) => {
    const registry = Registry.merge([metricsRegistry, registryOf(depth)])
    return c.body(await registry.metrics(), 200, { 'content-type': registry.contentType })
  })
}

function registryOf(metric: Gauge<'queue' | 'state'>): Registry {
  const registry = new Registry()
  registry.registerMetric(metric)
  return registry
}
