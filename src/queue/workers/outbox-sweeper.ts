import { randomUUID } from 'node:crypto'
import type { Logger } from '../../logging/logger.ts'
import { outboxSwept } from '../../metrics.ts'
import type { Redis } from '../../redis.ts'
import type { Outbox } from '../../services/outbox/outbox.ts'

export interface SweeperOptions {
  /** How often to look for stale entries (default 10 s). */
  intervalMs?: number
  /** An entry not done this long after its last enqueue is enqueued again (default 60 s). */
  staleAfterMs?: number
}

/**
 * Runs the outbox sweep on a timer in every worker process, not as a BullMQ repeatable job: a Redis flush
 * would delete such a schedule together with the jobs it is meant to recover. A short Redis lock lets one
 * process sweep per interval; enqueueing is idempotent anyway.
 */
export function startOutboxSweeper(
  deps: { redis: Redis; prefix: string; outbox: Outbox; log: Logger },
  options: SweeperOptions = {},
) {
  const intervalMs = options.intervalMs ?? 10_000
  const staleAfterMs = options.staleAfterMs ?? 60_000
  const lockKey = `${deps.prefix}:outbox-sweeper:lock`
  const me = randomUUID()
  let running: Promise<void> = Promise.resolve()
  let stopped = false

  const sweep = async () => {
    const locked = await deps.redis.set(lockKey, me, 'PX', Math.max(100, intervalMs - 50), 'NX')
    if (locked !== 'OK') return
    const count = await deps.outbox.sweep(new Date(), staleAfterMs)
    outboxSwept.inc(count)
  }
  const tick = () => {
    if (stopped) return
    running = sweep().catch((error: unknown) => deps.log.warn({ err: error }, 'outbox sweep failed; next tick retries'))
  }
  tick()
  const timer = setInterval(tick, intervalMs)
  timer.unref()

  return {
    async stop(): Promise<void> {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
