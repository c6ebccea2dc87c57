/**
 * Fault injection: a test queues failures for the next call(s) of a method,
 * optionally only for one chat. The server consults {@link FaultQueue.take}
 * before running a method handler.
 */

export type Fault =
  /** 429 `Too Many Requests: retry after N` with `parameters.retry_after = N`. */
  | { kind: 'too_many_requests'; retryAfter: number }
  /** 403 `Forbidden: bot was blocked by the user`. */
  | { kind: 'blocked' }
  /** 500 JSON `Internal Server Error`, or 502 with an HTML body like Telegram's nginx front. */
  | { kind: 'server_error'; status: 500 | 502 }
  /**
   * The TCP connection is destroyed without an answer. With
   * `afterProcessing: true` the call takes effect first (message delivered,
   * response lost), the classic duplicate-send trap.
   */
  | { kind: 'drop_connection'; afterProcessing?: boolean }
  /**
   * Answer normally but only after `ms` milliseconds. With `afterProcessing: true` the call takes effect at once
   * (the message is already in the chat) and only the answer is late: the window in which a user can react to a
   * message the bot has not yet heard back about.
   */
  | { kind: 'delay'; ms: number; afterProcessing?: boolean }
  /** Any other error envelope. */
  | { kind: 'api_error'; code: number; description: string; parameters?: Record<string, unknown> }

/** Shorthand constructors: `tg.failNext('sendMessage', Faults.tooManyRequests(3))`. */
export const Faults = {
  tooManyRequests: (retryAfter = 1): Fault => ({ kind: 'too_many_requests', retryAfter }),
  blocked: (): Fault => ({ kind: 'blocked' }),
  serverError: (status: 500 | 502 = 500): Fault => ({ kind: 'server_error', status }),
  dropConnection: (opts: { afterProcessing?: boolean } = {}): Fault => ({ kind: 'drop_connection', ...opts }),
  delay: (ms: number, opts: { afterProcessing?: boolean } = {}): Fault => ({ kind: 'delay', ms, ...opts }),
  apiError: (code: number, description: string, parameters?: Record<string, unknown>): Fault => ({
    kind: 'api_error',
    code,
    description,
    parameters,
  }),
} as const

export interface FaultOptions {
  /** Only calls addressing this chat (`chat_id`) are affected. */
  chatId?: number
  /** How many matching calls fail (default 1). */
  times?: number
  /** Extra filter on the call's raw params. */
  where?: (params: Readonly<Record<string, unknown>>) => boolean
}

interface QueuedFault {
  methods: ReadonlySet<string> | '*'
  fault: Fault
  remaining: number
  chatId: number | undefined
  where: ((params: Readonly<Record<string, unknown>>) => boolean) | undefined
}

export class FaultQueue {
  private readonly queue: QueuedFault[] = []

  add(method: string | readonly string[] | '*', fault: Fault, opts: FaultOptions = {}): void {
    this.queue.push({
      methods: method === '*' ? '*' : new Set(typeof method === 'string' ? [method] : method),
      fault,
      remaining: opts.times ?? 1,
      chatId: opts.chatId,
      where: opts.where,
    })
  }

  /** Consumes and returns the first fault matching this call, if any. */
  take(method: string, chatId: number | undefined, params: Readonly<Record<string, unknown>>): Fault | undefined {
    const idx = this.queue.findIndex(
      (q) =>
        (q.methods === '*' || q.methods.has(method)) &&
        (q.chatId === undefined || q.chatId === chatId) &&
        (!q.where || q.where(params)),
    )
    const q = this.queue[idx]
    if (!q) return undefined
    if (--q.remaining <= 0) this.queue.splice(idx, 1)
    return q.fault
  }

  /** Faults not consumed yet (a test can assert they all fired). */
  pending(): { methods: string[] | '*'; fault: Fault; remaining: number; chatId: number | undefined }[] {
    return this.queue.map((q) => ({
      methods: q.methods === '*' ? '*' : [...q.methods],
      fault: q.fault,
      remaining: q.remaining,
      chatId: q.chatId,
    }))
  }

  clear(): void {
    this.queue.length = 0
  }
}
