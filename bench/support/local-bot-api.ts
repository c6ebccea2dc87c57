// Answers a bot's outgoing Bot API calls in-process, so a benchmark measures the bot and not the network;
// keeps the inline keyboards it sent per chat, so that simulated consumers can press them.
import type { Transformer } from 'grammy'
import type { InlineKeyboardButton, UserFromGetMe } from 'grammy/types'

export const BENCH_BOT: UserFromGetMe = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: 'Bench Bot',
  username: 'grid12315_bench_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe

interface SentMessage {
  messageId: number
  buttons: InlineKeyboardButton[]
}

/** A Bot API stand-in: every call succeeds at once. */
export class LocalBotApi {
  private nextMessageId = 1
  private readonly chats = new Map<number, SentMessage[]>()
  calls = 0

  readonly transformer: Transformer = async (_previous, method, payload) => {
    this.calls++
    const params = payload as Record<string, unknown>
    const chatId = typeof params.chat_id === 'number' ? params.chat_id : 0
    const markup = params.reply_markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined
    switch (method) {
      case 'getMe':
        return { ok: true, result: BENCH_BOT } as never
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument': {
        const messageId = this.nextMessageId++
        this.remember(chatId, messageId, markup)
        return {
          ok: true,
          result: {
            message_id: messageId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: 'private', first_name: 'x' },
            text: params.text ?? '',
          },
        } as never
      }
      case 'editMessageText':
      case 'editMessageReplyMarkup': {
        const messageId = Number(params.message_id)
        this.remember(chatId, messageId, markup)
        return {
          ok: true,
          result: {
            message_id: messageId,
            date: Math.floor(Date.now() / 1000),
            chat: { id: chatId, type: 'private', first_name: 'x' },
            text: params.text ?? '',
          },
        } as never
      }
      default:
        return { ok: true, result: true } as never
    }
  }

  private remember(
    chatId: number,
    messageId: number,
    markup: { inline_keyboard?: InlineKeyboardButton[][] } | undefined,
  ): void {
    let messages = this.chats.get(chatId)
    if (!messages) {
      messages = []
      this.chats.set(chatId, messages)
    }
    const buttons = markup?.inline_keyboard?.flat() ?? []
    const edited = messages.findIndex((message) => message.messageId === messageId)
    if (edited >= 0) messages.splice(edited, 1)
    messages.push({ messageId, buttons })
    if (messages.length > 5) messages.shift()
  }

  /** The latest message in a chat with a button whose callback data matches, and that button's data. */
  findButton(chatId: number, pattern: RegExp): { messageId: number; data: string } | undefined {
    const messages = this.chats.get(chatId) ?? []
    for (let index = messages.length - 1; index >= 0; index--) {
      const message = messages[index]
      const button = message?.buttons.find(
        (candidate) => 'callback_data' in candidate && pattern.test(candidate.callback_data),
      )
      if (message && button && 'callback_data' in button)
        return { messageId: message.messageId, data: button.callback_data }
    }
    return undefined
  }
}
