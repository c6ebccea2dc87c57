import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client'

/**
 * This process's metrics; every process (bot, worker) serves its own at GET /metrics (http/metrics-endpoint.ts).
 */
export const metricsRegistry = new Registry()
collectDefaultMetrics({ register: metricsRegistry, prefix: 'grid_' })

/** Telegram updates the bot handled (counted by a middleware in create-bot.ts). */
export const updatesHandled = new Counter({
  name: 'grid_bot_updates_handled_total',
  help: 'Telegram updates handled by the bot',
  registers: [metricsRegistry],
})

/** How long jobs took, by queue and outcome (completed, delayed for pacing, failed). */
export const jobDuration = new Histogram({
  name: 'grid_job_duration_seconds',
  help: 'Duration of BullMQ job runs',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
})

/** Job runs that failed (each failed attempt; the job is retried with backoff until its attempts run out). */
export const jobFailures = new Counter({
  name: 'grid_job_failures_total',
  help: 'Failed BullMQ job attempts',
  labelNames: ['queue'] as const,
  registers: [metricsRegistry],
})

/** Messages Telegram accepted, by method. */
export const telegramSent = new Counter({
  name: 'grid_telegram_sent_total',
  help: 'Bot API sends that succeeded',
  labelNames: ['method'] as const,
  registers: [metricsRegistry],
})

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
export const outboxSwept = new Counter({
  name: 'grid_outbox_swept_total',
  help: 'Outbox entries re-enqueued by the sweeper',
  registers: [metricsRegistry],
})
