import type { RequestRateLimit } from '../access/request-rate-limit.ts'
import type { FormStore } from '../intake/form-store.ts'
import type { PersonDirectory } from '../people/person-directory.ts'
import type { PendingInputs } from '../tickets/pending-input.ts'
import { ReadThroughCache } from './read-through-cache.ts'

/** Who sent an update, where, and which of their state the update may need. */
export interface UpdateSender {
  userId: number
  /** The chat of the update (absent for updates without one). */
  chatId?: number | undefined
  /** A private chat: the update may continue the sender's form. */
  readsForm: boolean
  /** A message in a chat: it may answer the sender's pending input there. */
  readsPendingInput: boolean
}

/** The update's rate-limit verdict and its read-through cache. */
export interface UpdateReads {
  /** 0 within the sender's rate limit; else how many updates in a row were over it (see countRequest). */
  overLimit: number
  cache: ReadThroughCache
}

/**
 * The first Redis round trip of an update: counts it against the sender's rate limit and reads, in the same
 * command, what the next steps usually need (the cached sender, the form, the pending input), into a read-through
 * cache that the stores then answer from and write through.
 */
export function createUpdateReads(deps: {
  rateLimit: RequestRateLimit
  people: PersonDirectory
  forms: FormStore
  pendingInputs: PendingInputs
}) {
  return async function readForUpdate(sender: UpdateSender): Promise<UpdateReads> {
    const keys = [deps.people.cacheKeyOf(sender.userId)]
    if (sender.readsForm) keys.push(deps.forms.formKeyOf(sender.userId))
    if (sender.readsPendingInput && sender.chatId !== undefined) {
      keys.push(deps.pendingInputs.keyOf(sender.chatId, sender.userId))
    }
    const { overLimit, values } = await deps.rateLimit.countRequest(sender.userId, keys)
    const cache = new ReadThroughCache()
    for (const [index, key] of keys.entries()) cache.readAhead(key, values[index] ?? null)
    return { overLimit, cache }
  }
}
