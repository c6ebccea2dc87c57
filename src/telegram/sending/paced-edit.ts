import { type Api, GrammyError } from 'grammy'
import type { InlineKeyboardMarkup } from 'grammy/types'
import type { Logger } from '../../logging/logger.ts'
import type { ChatPacer } from './chat-pacer.ts'
import { isMessageNotModified } from './message-not-modified.ts'
import { ChatNotReadyError, MessageRejectedError, RecipientUnreachableError } from './telegram-sender.ts'

/**
 * Edits a message in place under the same pacing as every send (Telegram counts edits against a group's limits
 * too), with the same error classes as the delivery sender, so the notify worker delays, retries or gives up
 * the same way. An edit that changes nothing is not an error.
 */
export function createPacedEditor(deps: { api: Api; pacer: ChatPacer; log: Logger }) {
  return async function editHtml(
    chatId: number,
    messageId: number,
    html: string,
    replyMarkup: InlineKeyboardMarkup,
  ): Promise<void> {
    const slot = await deps.pacer.takeSlot(chatId)
    if (!slot.ok) throw new ChatNotReadyError(chatId, slot.waitMs, slot.scope)
    try {
      await deps.api.editMessageText(chatId, messageId, html, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: replyMarkup,
      })
      await deps.pacer.settle(slot.slot)
    } catch (error) {
      await deps.pacer.settle(slot.slot)
      if (isMessageNotModified(error)) return
      if (!(error instanceof GrammyError)) throw error
      if (error.error_code === 429) {
        const waitMs = Math.max(1, error.parameters.retry_after ?? 1) * 1000
        await deps.pacer.blockChat(chatId, waitMs)
        deps.log.warn(
          { chatId, method: 'editMessageText', retryAfterMs: waitMs },
          'Telegram asked to slow down (429); holding the chat',
        )
        throw new ChatNotReadyError(chatId, waitMs, 'chat')
      }
      if (error.error_code === 403) throw new RecipientUnreachableError(chatId, error.description)
      if (error.error_code === 400) throw new MessageRejectedError('editMessageText', error.description)
      throw error
    }
  }
}

export type EditHtml = ReturnType<typeof createPacedEditor>
