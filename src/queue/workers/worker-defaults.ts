import type { WorkerOptions } from 'bullmq'

/**
 * Shared by every worker. Locks are renewed every half lockDuration while a process lives, so a short lock
 * only matters for a process that died: its job is picked up again within lockDuration + stalledInterval.
 */
export const WORKER_DEFAULTS = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 2,
} satisfies Partial<WorkerOptions>
