// An in-process Bot API for the routing benchmark: answers every call at once and reports each ticket card (a
// message with ticket-action buttons to a group) with its complaint id and the time it was sent.
import type { Transformer } from 'grammy'

const CARD_BUTTON = /"t:[a-z]{2}:([0-9a-f-]{36})"/

/** Milliseconds on a clock shared by every process of the run (wall clock, sub-millisecond resolution). */
export function sharedNow(): number {
  return performance.timeOrigin + performance.now()
}

export class RouteBenchTelegram {
  private nextMessageId = 1
  calls = 0

  constructor(private readonly onCard: (complaintId: string, sentAt: number) => void) {}

  readonly transformer: Transformer = async (_previous, method, payload) => {
    this.calls++
    const params = payload as Record<string, unknown>
    if (method === 'sendMessage' && Number(params.chat_id) < 0) {
      const complaintId = CARD_BUTTON.exec(JSON.stringify(params.reply_markup ?? ''))?.[1]
      if (complaintId) this.onCard(complaintId, sharedNow())
    }
    if (method === 'createForumTopic')
      return {
        ok: true,
        result: { message_thread_id: this.nextMessageId++, name: String(params.name), icon_color: 0 },
      } as never
    const result = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(params.chat_id), type: 'private', first_name: 'x' },
      text: String(params.text ?? ''),
    }
    return { ok: true, result } as never
  }
}

/** The cards seen, as the benchmark tallies them: the first send of each complaint's card, and every send. */
export class CardTally {
  /** sharedNow() when the first card of each complaint was sent. */
  readonly firstSentAt = new Map<string, number>()
  sent = 0

  record(complaintId: string, sentAt: number): void {
    this.sent++
    if (!this.firstSentAt.has(complaintId)) this.firstSentAt.set(complaintId, sentAt)
  }

  get duplicates(): number {
    return this.sent - this.firstSentAt.size
  }
}
