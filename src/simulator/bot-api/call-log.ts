/**
 * Full log of every Bot API call the bot made, with timestamps, params and
 * the answer it got. Tests assert on it directly (`tg.calls('sendMessage')`)
 * or through helpers such as {@link CallLog.maxSendsPerChat}.
 */
import type { Fault } from './faults.ts'

/** What the fake answered. `dropped` = the TCP connection was destroyed without a response. */
export type CallOutcome = 'pending' | 'ok' | 'error' | 'dropped' | 'aborted'

export interface CallRecord {
  /** 1-based sequence number in arrival order. */
  readonly seq: number
  readonly method: string
  /** Parameters as received (form values are strings). Uploaded files are listed in `uploads`. */
  readonly params: Readonly<Record<string, unknown>>
  readonly uploads: readonly { field: string; filename: string; size: number }[]
  /** Numeric target chat id if the call addressed a chat (`chat_id`). */
  readonly chatId: number | undefined
  /** Date.now() at arrival / at answer. */
  readonly startedAt: number
  finishedAt: number | undefined
  outcome: CallOutcome
  /** HTTP status sent (undefined while pending or when dropped). */
  status: number | undefined
  /** The `result` on success. */
  result: unknown
  /** `{ error_code, description, parameters }` on failure. */
  error: { error_code: number; description: string; parameters?: unknown } | undefined
  /** The injected fault that produced this answer, if any. */
  fault: Fault | undefined
}

/** Methods that put a new message into a chat. */
export const SEND_METHODS: ReadonlySet<string> = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendAudio',
  'sendVideo',
  'sendAnimation',
  'sendVoice',
  'sendVideoNote',
  'sendSticker',
  'sendLocation',
  'sendVenue',
  'sendContact',
  'sendPoll',
  'sendDice',
  'sendMediaGroup',
  'copyMessage',
  'forwardMessage',
  'copyMessages',
  'forwardMessages',
])

export class CallLog {
  private readonly records: CallRecord[] = []

  add(record: Omit<CallRecord, 'seq'>): CallRecord {
    const full: CallRecord = { ...record, seq: this.records.length + 1 }
    this.records.push(full)
    return full
  }

  /** All calls, optionally only of one method / matching a predicate. */
  all(method?: string, where?: (c: CallRecord) => boolean): CallRecord[] {
    return this.records.filter((c) => (method === undefined || c.method === method) && (!where || where(c)))
  }

  /** Calls still waiting for an answer (e.g. a long-polling getUpdates). */
  inFlight(): CallRecord[] {
    return this.records.filter((c) => c.outcome === 'pending')
  }

  last(): CallRecord | undefined {
    return this.records[this.records.length - 1]
  }

  /**
   * Highest number of successful message sends any single chat received in
   * any sliding window of `windowMs` (Telegram's flood limits are ~1 msg/s
   * per private chat, 20 msg/min per group).
   */
  maxSendsPerChat(windowMs = 1000): { chatId: number | undefined; count: number } {
    const byChat = new Map<number, number[]>()
    for (const c of this.records) {
      if (!SEND_METHODS.has(c.method) || c.outcome !== 'ok' || c.chatId === undefined) continue
      const list = byChat.get(c.chatId) ?? []
      list.push(c.startedAt)
      byChat.set(c.chatId, list)
    }
    let best: { chatId: number | undefined; count: number } = { chatId: undefined, count: 0 }
    for (const [chatId, times] of byChat) {
      let lo = 0
      for (let hi = 0; hi < times.length; hi++) {
        while ((times[hi] ?? 0) - (times[lo] ?? 0) >= windowMs) lo++
        if (hi - lo + 1 > best.count) best = { chatId, count: hi - lo + 1 }
      }
    }
    return best
  }

  /** One line per call, for failure messages. */
  format(records: readonly CallRecord[] = this.records.slice(-15)): string {
    if (records.length === 0) return '  (no calls)'
    return records
      .map((c) => {
        const p = JSON.stringify(c.params)
        const answer =
          c.outcome === 'ok'
            ? 'ok'
            : c.outcome === 'error'
              ? `${c.error?.error_code} ${c.error?.description}`
              : c.outcome
        return `  #${c.seq} ${c.method} ${p.length > 160 ? `${p.slice(0, 157)}...` : p} -> ${answer}`
      })
      .join('\n')
  }
}
