// An in-process Bot API for the routing benchmark: answers every call at once and notes when each ticket card
// (a message with ticket-action buttons) was sent, by complaint id.
import type { Transformer } from 'grammy'

const CARD_BUTTON = /"t:[a-z]{2}:([0-9a-f-]{36})"/

export class RouteBenchTelegram {
  private nextMessageId = 1
  /** performance.now() when the first card of each complaint was sent. */
  readonly cardSentAt = new Map<string, number>()
  cardsSent = 0
  calls = 0

  readonly transformer: Transformer = async (_previous, method, payload) => {
    this.calls++
    const params = payload as Record<string, unknown>
    if (method === 'sendMessage') {
      const complaintId = CARD_BUTTON.exec(JSON.stringify(params.reply_markup ?? ''))?.[1]
      if (complaintId && Number(params.chat_id) < 0) {
        this.cardsSent++
        if (!this.cardSentAt.has(complaintId)) this.cardSentAt.set(complaintId, performance.now())
      }
    }
    if (method === 'createForumTopic') return { ok: true, result: { message_thread_id: this.nextMessageId++, name: String(params.name), icon_color: 0 } } as never
    const result = { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(params.chat_id), type: 'private', first_name: 'x' }, text: String(params.text ?? '') }
    return { ok: true, result } as never
  }
}
