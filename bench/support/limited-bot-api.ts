// A Bot API stand-in for the outbound benchmark that enforces Telegram's flood limits as Telegram states them:
// 30 messages per second overall, 1 per second per chat, 20 per minute per group, edits included. A call over a
// limit is answered 429 with retry_after, as Telegram does. Every call travels a simulated network: it reaches the
// "server" 5–25 ms after it leaves and its answer takes as long again, so calls can overtake each other on the way.
import type { Transformer } from 'grammy'

const CARD_BUTTON = /"t:[a-z]{2}:([0-9a-f-]{36})"/
// A consumer warning carries its recipient's unsubscribe button (src/telegram/callback-data/warnings.ts).
const WARNING_BUTTON = /"wu:\d+"/
const PACED_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'editMessageText',
  'editMessageReplyMarkup',
  'createForumTopic',
])

/** What the benchmark is told about each paced call. */
export type SentKind = 'card' | 'status' | 'warning' | 'evidence' | 'edit' | 'other'
export interface SentReport {
  kind: SentKind
  /** The ticket a card (or an edit of a card) belongs to. */
  complaintId?: string | undefined
  chatId: number
  /** When the call reached the fake server, on the shared clock. */
  at: number
  ok: boolean
  /** Which limit a 429 answered: 'global', 'chat' or 'group'. */
  limit?: string | undefined
  /** Answered 403: the recipient blocked the bot (not a 429). */
  blocked?: true
}

export interface BotApiLimits {
  globalPerSecond: number
  chatPerSecond: number
  groupPerMinute: number
}

export const TELEGRAM_STATED_LIMITS: BotApiLimits = { globalPerSecond: 30, chatPerSecond: 1, groupPerMinute: 20 }

/** Milliseconds on a clock shared by every process of the run. */
export const sharedNow = () => performance.timeOrigin + performance.now()
const oneWay = () => 5 + Math.random() * 20
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sliding-window counts of accepted calls, the way the server sees them (by arrival time). */
class Windows {
  private readonly times = new Map<string, number[]>()

  count(key: string, now: number, windowMs: number): { count: number; oldest: number } {
    const list = this.times.get(key) ?? []
    let first = 0
    while (first < list.length && list[first]! <= now - windowMs) first++
    if (first > 0) list.splice(0, first)
    return { count: list.length, oldest: list[0] ?? now }
  }

  add(key: string, at: number): void {
    const list = this.times.get(key)
    if (list) list.push(at)
    else this.times.set(key, [at])
  }
}

export class LimitedBotApi {
  private nextMessageId = 1
  private readonly windows = new Windows()
  private readonly cardMessages = new Map<number, string>()
  tooManyRequests = 0

  constructor(
    private readonly report: (sent: SentReport) => void,
    private readonly limits: BotApiLimits = TELEGRAM_STATED_LIMITS,
    /** Private chats whose user blocked the bot: a message to them counts against the limits and gets 403. */
    private readonly blockedChats: ReadonlySet<number> = new Set(),
  ) {}

  /** Milliseconds paced requests spent between leaving the worker and their answer reaching it, summed. */
  inFlightMs = 0

  readonly transformer: Transformer = async (previous, method, payload, signal) => {
    const started = performance.now()
    try {
      return await this.serve(previous, method, payload, signal)
    } finally {
      if (PACED_METHODS.has(method)) this.inFlightMs += performance.now() - started
    }
  }

  private readonly serve: Transformer = async (_previous, method, payload) => {
    const params = payload as Record<string, unknown>
    const chatId = Number(params.chat_id ?? 0)
    await sleep(oneWay())
    const at = sharedNow()
    if (PACED_METHODS.has(method)) {
      const { retryAfter, limit } = this.overLimit(chatId, at)
      const kind = this.kindOf(method, params, chatId)
      if (retryAfter > 0) {
        this.tooManyRequests++
        this.report({ kind, chatId, at, ok: false, complaintId: undefined, limit })
        await sleep(oneWay())
        return {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${retryAfter}`,
          parameters: { retry_after: retryAfter },
        } as never
      }
      this.windows.add('global', at)
      this.windows.add(`chat:${chatId}`, at)
      if (chatId < 0) this.windows.add(`group:${chatId}`, at)
      if (this.blockedChats.has(chatId)) {
        this.report({ kind, chatId, at, ok: false, blocked: true })
        await sleep(oneWay())
        return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } as never
      }
      const result = this.answer(method, params, chatId)
      const complaintId =
        kind === 'card'
          ? CARD_BUTTON.exec(JSON.stringify(params.reply_markup ?? ''))?.[1]
          : kind === 'edit'
            ? this.cardMessages.get(Number(params.message_id))
            : undefined
      if (kind === 'card' && complaintId)
        this.cardMessages.set((result as { message_id: number }).message_id, complaintId)
      this.report({ kind, chatId, at, ok: true, complaintId })
      await sleep(oneWay())
      return { ok: true, result } as never
    }
    await sleep(oneWay())
    return { ok: true, result: this.answer(method, params, chatId) } as never
  }

  /** Seconds to wait (Telegram's retry_after) when the call breaks a limit, else 0. */
  private overLimit(chatId: number, now: number): { retryAfter: number; limit?: string } {
    const checks: Array<[string, number, number]> = [
      ['global', 1000, this.limits.globalPerSecond],
      [`chat:${chatId}`, 1000, this.limits.chatPerSecond],
      ...(chatId < 0 ? [[`group:${chatId}`, 60_000, this.limits.groupPerMinute] as [string, number, number]] : []),
    ]
    let waitMs = 0
    let broken: string | undefined
    for (const [key, windowMs, limit] of checks) {
      const { count, oldest } = this.windows.count(key, now, windowMs)
      if (count >= limit && oldest + windowMs - now > waitMs) {
        waitMs = oldest + windowMs - now
        broken = key.split(':')[0]
      }
    }
    return waitMs > 0 ? { retryAfter: Math.max(1, Math.ceil(waitMs / 1000)), limit: broken } : { retryAfter: 0 }
  }

  private kindOf(method: string, params: Record<string, unknown>, chatId: number): SentKind {
    if (method === 'sendPhoto' || method === 'sendDocument') return 'evidence'
    if (method.startsWith('edit')) return 'edit'
    if (method !== 'sendMessage') return 'other'
    if (chatId > 0) return WARNING_BUTTON.test(JSON.stringify(params.reply_markup ?? '')) ? 'warning' : 'status'
    return CARD_BUTTON.test(JSON.stringify(params.reply_markup ?? '')) ? 'card' : 'other'
  }

  private answer(method: string, params: Record<string, unknown>, chatId: number): unknown {
    if (method === 'getMe')
      return { id: 7_000_000_001, is_bot: true, first_name: 'Bench Bot', username: 'grid12315_bench_bot' }
    if (method === 'createForumTopic')
      return { message_thread_id: this.nextMessageId++, name: String(params.name), icon_color: 0 }
    if (method.startsWith('edit'))
      return {
        message_id: Number(params.message_id),
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: 'supergroup', title: 'x' },
        text: String(params.text ?? ''),
      }
    if (method.startsWith('send'))
      return {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: chatId < 0 ? 'supergroup' : 'private', first_name: 'x' },
        text: String(params.text ?? ''),
      }
    return true
  }
}
