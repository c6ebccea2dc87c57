/** getUpdates with real long-polling semantics (see UpdateQueue for the rules). */
import type { Update } from 'grammy/types'
import { Errors } from '../api-error.ts'
import type { MethodTable } from './types.ts'

export const updateMethods: MethodTable = {
  async getUpdates({ state, params, signal }): Promise<Update[]> {
    if (state.webhook) throw Errors.webhookActive()
    const offset = params.int('offset')
    const limit = Math.min(100, Math.max(1, params.int('limit') ?? 100))
    const timeoutSec = Math.max(0, params.int('timeout') ?? 0)
    state.updates.setAllowed(params.json<string[]>('allowed_updates'))
    if (state.updates.confirm(offset) > 0) state.touch()
    // A newer getUpdates terminates an older one with 409, like Telegram.
    const generation = ++state.pollGeneration
    state.feed.notify()
    if (!state.updates.hasFor(offset) && timeoutSec > 0 && !state.closing) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          unsubscribe()
          clearTimeout(timer)
          signal.removeEventListener('abort', done)
          resolve()
        }
        const unsubscribe = state.feed.subscribe(() => {
          if (state.closing || generation !== state.pollGeneration || state.updates.hasFor(offset)) done()
        })
        const timer = setTimeout(done, timeoutSec * 1000)
        signal.addEventListener('abort', done)
      })
    }
    if (signal.aborted) return [] // the client is gone; nothing was delivered
    if (generation !== state.pollGeneration) throw Errors.otherGetUpdates()
    if (state.closing) return []
    const batch = state.updates.take(offset, limit)
    if (batch.length > 0) state.lastActivityAt = Date.now()
    return batch
  },
}
