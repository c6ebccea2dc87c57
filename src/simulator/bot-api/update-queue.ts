/**
 * Pending updates and getUpdates long-polling semantics:
 * - updates are returned in update_id order, at most `limit` (1..100, default 100);
 * - `offset` confirms (drops) every update with a smaller update_id; a negative
 *   offset returns updates from the end of the queue;
 * - `timeout` (seconds) holds the request until an update arrives;
 * - `allowed_updates` is sticky: omitted = previous setting; [] = default set
 *   (everything except chat_member, message_reaction, message_reaction_count).
 */
import type { Update } from 'grammy/types'

const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count'])

/** The update kind, i.e. its single non-`update_id` key ("message", "callback_query", ...). */
export function updateType(update: Update): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown'
}

interface Entry {
  update: Update
  /** Returned by some getUpdates call already (but maybe not confirmed yet). */
  delivered: boolean
  /** Re-queued by redeliver(): returned once even if the offset already passed it. */
  forced: boolean
}

export class UpdateQueue {
  private entries: Entry[] = []
  private nextId: number
  private allowed: ReadonlySet<string> | undefined // undefined = default set

  constructor(firstUpdateId = 100_000) {
    this.nextId = firstUpdateId
  }

  /** Appends a new update, assigning the next update_id. */
  push(body: Omit<Update, 'update_id'>): Update {
    const update = { update_id: this.nextId++, ...body } as Update
    this.entries.push({ update, delivered: false, forced: false })
    return update
  }

  /** Re-queues an already delivered update with the same update_id (Telegram after a crash). */
  redeliver(update: Update): void {
    this.entries = this.entries.filter((e) => e.update.update_id !== update.update_id)
    this.entries.push({ update, delivered: false, forced: true })
    this.entries.sort((a, b) => a.update.update_id - b.update.update_id)
  }

  /** Applies `allowed_updates` if given (sticky, like Telegram). */
  setAllowed(list: readonly string[] | undefined): void {
    if (list === undefined) return
    this.allowed = list.length === 0 ? undefined : new Set(list)
  }

  private isAllowed(update: Update): boolean {
    const type = updateType(update)
    return this.allowed ? this.allowed.has(type) : !NOT_BY_DEFAULT.has(type)
  }

  /** Drops every update below a positive offset (except not-yet-delivered redeliveries); returns how many. */
  confirm(offset: number | undefined): number {
    if (offset === undefined || offset <= 0) return 0
    const before = this.entries.length
    this.entries = this.entries.filter((e) => e.update.update_id >= offset || (e.forced && !e.delivered))
    return before - this.entries.length
  }

  /** Confirms by offset and returns the batch to deliver now (possibly empty). */
  take(offset: number | undefined, limit: number): Update[] {
    this.confirm(offset)
    // Updates of kinds the bot did not subscribe to are silently dropped.
    this.entries = this.entries.filter((e) => this.isAllowed(e.update))
    let candidates = this.entries
    if (offset !== undefined && offset < 0) candidates = candidates.slice(offset)
    const batch = candidates.slice(0, limit)
    for (const e of batch) {
      e.delivered = true
      e.forced = false
    }
    return batch.map((e) => e.update)
  }

  /** Would `take(offset)` return anything? */
  hasFor(offset: number | undefined): boolean {
    return this.entries.some(
      (e) =>
        this.isAllowed(e.update) && (offset === undefined || offset <= 0 || e.update.update_id >= offset || e.forced),
    )
  }

  /** Updates not yet confirmed by the bot (delivered or not). */
  unconfirmed(): Update[] {
    return this.entries.map((e) => e.update)
  }

  /** Updates the bot has not fetched yet. */
  undelivered(): Update[] {
    return this.entries.filter((e) => !e.delivered).map((e) => e.update)
  }

  clear(): void {
    this.entries = []
  }
}
