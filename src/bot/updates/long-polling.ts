import {
  createConcurrentSink,
  createRunner,
  createSource,
  type RunnerHandle,
  type UpdateSupplier,
} from '@grammyjs/runner'
import { type Api, GrammyError } from 'grammy'
import type { Update } from 'grammy/types'
import type { Logger } from '../../logging/logger.ts'
import type { JournaledHandling } from './journaled-handling.ts'

/** Why polling ended without being asked to: another process polls with the token, the token was revoked, or else. */
export type PollingEnd = 'conflict' | 'unauthorized' | 'failed'

export interface LongPolling {
  /** Stops fetching; the caller then drains the handling. */
  stop(): Promise<void>
}

/** The runner's AbortSignal type (a shim's, structurally different from Node's own). */
type RunnerSignal = Parameters<UpdateSupplier<Update>['supply']>[1]

const LONG_POLL_SECONDS = 30
const MAX_RETRY_MS = 30_000

/**
 * Long polling through grammY runner's source, sink and runner, with our own update supplier: each batch is
 * journaled before the next getUpdates call confirms it to Telegram (the offset only moves past a batch once it is
 * in Redis), so a process that dies mid-batch loses nothing. Fetch errors are retried with a structured warning
 * (a 429 after the wait Telegram asks for);
 * 409 (another process polls with this token) and 401 (token revoked) end polling and call `onEnd`.
 */
export function startLongPolling(deps: {
  api: Api
  handling: JournaledHandling
  allowedUpdates: ReadonlyArray<Exclude<keyof Update, 'update_id'>>
  log: Logger
  onEnd: (reason: PollingEnd) => void
}): LongPolling {
  const { api, handling, log } = deps
  let offset = 0

  const fetchBatch = async (batchSize: number, signal: RunnerSignal): Promise<Update[]> => {
    const limit = Math.max(1, Math.min(batchSize, 100))
    for (let retryMs = 100; ; retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)) {
      try {
        return await api.getUpdates(
          { offset, limit, timeout: LONG_POLL_SECONDS, allowed_updates: deps.allowedUpdates },
          signal,
        )
      } catch (error) {
        if (signal.aborted || isFinal(error)) throw error
        // Asking again before a 429's retry_after only meets another 429 (getUpdates is not under auto-retry).
        const waitMs = Math.max(retryMs, retryAfterMs(error))
        log.warn({ err: error, retryInMs: waitMs }, 'could not fetch updates from Telegram; retrying')
        await pause(waitMs, signal)
      }
    }
  }

  const admitBatch = async (updates: Update[], signal: RunnerSignal): Promise<Update[]> => {
    for (let retryMs = 500; ; retryMs = Math.min(retryMs * 2, MAX_RETRY_MS)) {
      try {
        return await handling.admit(updates)
      } catch (error) {
        log.warn(
          { err: error, retryInMs: retryMs },
          'could not journal fetched updates; Telegram keeps them until this succeeds',
        )
        await pause(retryMs, signal)
        if (signal.aborted) throw new Error('polling stopped before the updates were journaled', { cause: error })
      }
    }
  }

  const source = createSource({
    async supply(batchSize, signal) {
      const updates = await fetchBatch(batchSize, signal)
      const last = updates.at(-1)
      if (!last) return []
      const admitted = await admitBatch(updates, signal)
      offset = last.update_id + 1
      return admitted
    },
  })
  const sink = createConcurrentSink<Update>({ consume: (update) => handling.handleAdmitted(update) }, async (error) => {
    log.error({ err: error }, 'update handling failed')
  })
  const runner: RunnerHandle = createRunner(source, sink)
  runner.start()
  runner.task()?.catch((error: unknown) => {
    if (isConflict(error) && /webhook/i.test(error.description)) {
      log.error(
        'a webhook was set for this BOT_TOKEN while polling (409 Conflict); this process stops taking updates and shuts down',
      )
      deps.onEnd('conflict')
    } else if (isConflict(error)) {
      log.error(
        'another process is polling Telegram with this BOT_TOKEN (409 Conflict: terminated by other getUpdates request); this process stops taking updates and shuts down',
      )
      deps.onEnd('conflict')
    } else if (error instanceof GrammyError && error.error_code === 401) {
      log.error('Telegram rejects BOT_TOKEN (401 Unauthorized); this process stops taking updates and shuts down')
      deps.onEnd('unauthorized')
    } else {
      log.error({ err: error }, 'long polling failed; shutting down')
      deps.onEnd('failed')
    }
  })

  return {
    async stop() {
      if (runner.isRunning()) await runner.stop()
    },
  }
}

function isConflict(error: unknown): error is GrammyError {
  return error instanceof GrammyError && error.error_code === 409
}

/** Telegram's retry_after of a 429, in ms; 0 for any other error. */
function retryAfterMs(error: unknown): number {
  return error instanceof GrammyError ? (error.parameters.retry_after ?? 0) * 1000 : 0
}

function isFinal(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 409 || error.error_code === 401)
}

/** Waits, or less if polling is stopped meanwhile. */
function pause(ms: number, signal: RunnerSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done)
  })
}
