import { Counter, Histogram, Registry, collectDefaultMetrics, Gauge } from 'prom-client'
import type { Hono } from 'hono'
import { QUEUE_NAMES, type Queues } from '../queue/queues.ts'

/** This process's metrics; every process (bot, worker) serves its own at GET /metrics. */
export const metricsRegistry = new Registry()
collectDefaultMetrics({ register: metricsRegistry, prefix: 'grid_' })

/** Telegram updates the bot handled (counted by a middleware in create-bot.ts). */
export const updatesHandled = new Counter({ name: 'grid_bot_updates_handled_total', help: 'Telegram updates handled by the bot', registers: [metricsRegistry] })

/** How long jobs took, by queue and outcome (completed, delayed for pacing, failed). */
export const jobDuration = new Histogram({
  name: 'grid_job_duration_seconds',
  help: 'Duration of BullMQ job runs',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
})

/** Job runs that failed (each failed attempt; the job is retried with backoff until its attempts run out). */
export const jobFailures = new Counter({ name: 'grid_job_failures_total', help: 'Failed BullMQ job attempts', labelNames: ['queue'] as const, registers: [metricsRegistry] })

/** Messages Telegram accepted, by method. */
export const telegramSent = new Counter({ name: 'grid_telegram_sent_total', help: 'Bot API sends that succeeded', labelNames: ['method'] as const, registers: [metricsRegistry] })

/**
 * Sends whose outcome is unknown, by method and reason: the connection broke after the request left
 * (`answer-lost`), or a job found that its process died while a message was on its way (`process-died`). Each may
 * have reached the chat although the job sends it again: the duplicates the system cannot rule out.
 */
export const telegramUncertain = new Counter({
  name: 'grid_telegram_uncertain_sends_total',
  help: 'Bot API sends that may have been delivered although they count as failed',
  labelNames: ['method', 'reason'] as const,
  registers: [metricsRegistry],
})

/** Outbox entries the sweeper had to re-enqueue (lost or late jobs). */
export const outboxSwept = new Counter({ name: 'grid_outbox_swept_total', help: 'Outbox entries re-enqueued by the sweeper', registers: [metricsRegistry] })

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized'] as const

/** Mounts GET /metrics (Prometheus text format); queue depths are read from Redis at scrape time. */
export function mountMetrics(app: Hono, queues: Queues): void {
  const depth = new Gauge({
    name: 'grid_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'] as const,
    registers: [],
    async collect() {
      const counts = await Promise.all(QUEUE_NAMES.map(async (name) => [name, await queues[name].getJobCounts(...JOB_STATES)] as const))
      for (const [queue, byState] of counts) for (const state of JOB_STATES) this.set({ queue, state }, byState[state] ?? 0)
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
