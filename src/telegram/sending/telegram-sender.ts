import { type Api, GrammyError, HttpError, type InputFile } from 'grammy'
import type { InlineKeyboardMarkup, Message } from 'grammy/types'
import type { Logger } from '../../logging/logger.ts'
import type { ChatPacer } from './chat-pacer.ts'
import { currentSendScope } from './send-scope.ts'

/** The chat may not receive a message yet (pacing, or Telegram's 429): try again after `waitMs`, not earlier. */
export class ChatNotReadyError extends Error {
  override name = 'ChatNotReadyError'
  constructor(
    readonly chatId: number,
    readonly waitMs: number,
    /** 'chat': this chat's own limit or a 429 for it; 'global': the bot's overall limit. */
    readonly scope: 'chat' | 'global',
  ) {
    super(`Chat ${chatId} may receive a message again in ${waitMs} ms (${scope} limit).`)
  }
}

/** Telegram refuses the chat for good: the user blocked the bot or never started it, or the bot left the group. */
export class RecipientUnreachableError extends Error {
  override name = 'RecipientUnreachableError'
  constructor(
    readonly chatId: number,
    readonly description: string,
  ) {
    super(`Chat ${chatId} cannot be reached: ${description}`)
  }
}

/** Telegram rejected the message itself (400): retrying the same request cannot help. */
export class MessageRejectedError extends Error {
  override name = 'MessageRejectedError'
  constructor(
    readonly method: string,
    readonly description: string,
  ) {
    super(`Telegram rejected ${method}: ${description}`)
  }
}

/** Where in a chat a message goes: a forum topic, and/or as a reply to an earlier message. */
export interface Placement {
  threadId?: number | null | undefined
  replyTo?: number | null | undefined
}

export interface EvidenceFileRef {
  kind: 'PHOTO' | 'DOCUMENT'
  fileId: string
}

/** Why a send may or may not have reached the chat: its answer was lost, or the process died while it was on its way. */
export type UncertainReason = 'answer-lost' | 'process-died'

// Errors of a request that never left this machine or never reached the server: nothing can have been delivered.
const NEVER_REACHED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
])

/**
 * True when a failed request may nevertheless have been carried out by Telegram: the connection broke or timed
 * out after the request was sent. Telegram's own error answers, a gateway's error page (an answer came) and a
 * request refused before it reached the server are certain: nothing was sent.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof HttpError)) return false
  const cause = error.error as { code?: unknown; type?: unknown } | undefined
  if (cause?.type === 'invalid-json') return false
  return !(typeof cause?.code === 'string' && NEVER_REACHED.has(cause.code))
}

// 400 answers that mean the chat itself is gone for the bot, not that the message was malformed.
const UNREACHABLE_400 =
  /chat not found|bot was kicked|not a member|bot is not a member|have no rights to send|PEER_ID_INVALID|user is deactivated|group chat was upgraded/i

/**
 * The one place that sends to Telegram: every call takes a per-chat and global slot first (throwing
 * {@link ChatNotReadyError} instead of sleeping), and every failure is classified — 429 holds the chat for
 * `retry_after` and asks to be retried then, 403 becomes {@link RecipientUnreachableError}, other 400s
 * {@link MessageRejectedError}; 5xx and network errors are rethrown as they are, for the queue's backoff.
 */
export interface SenderOptions {
  api: Api
  pacer: ChatPacer
  log: Logger
  onSent?: ((method: string) => void) | undefined
  /** A send whose outcome is unknown: the message may have arrived although the job will send it again. */
  onUncertain?: ((method: string, reason: UncertainReason) => void) | undefined
}

export function createTelegramSender(deps: SenderOptions) {
  const { api, pacer, log } = deps

  // The job's scope records that a message is on its way before the request leaves, and clears the mark once
  // the answer is in: a re-run that finds the mark knows the process died while the message may have been in
  // flight. The mark is written before the slot is taken, so that nothing but the request itself lies between
  // the slot and Telegram (the time in between is budget lost for everyone).
  async function paced<T>(chatId: number, method: string, run: () => Promise<T>): Promise<T> {
    const scope = currentSendScope()
    await scope?.markSending(method)
    const slot = await pacer.takeSlot(chatId)
    if (!slot.ok) {
      await scope?.clearSending()
      throw new ChatNotReadyError(chatId, slot.waitMs, slot.scope)
    }
    if (scope?.beforeRequest) {
      try {
        await scope.beforeRequest(method)
      } catch (error) {
        void pacer.settle(slot.slot)
        throw error
      }
    }
    // Settling the slot and clearing the mark are not awaited: the caller records the message id at once, which
    // is what closes the window in which a dying process leaves a message that will be sent again.
    const settle = () => {
      void pacer.settle(slot.slot)
      void scope
        ?.clearSending()
        .catch((error: unknown) => log.warn({ err: error, method }, 'the in-flight mark could not be cleared'))
    }
    try {
      const result = await run()
      settle()
      deps.onSent?.(method)
      return result
    } catch (error) {
      settle()
      if (outcomeUnknown(error)) {
        deps.onUncertain?.(method, 'answer-lost')
        log.warn(
          { chatId, method, err: error },
          'a send failed after the request left: Telegram may have delivered it; it will be sent again',
        )
      }
      throw await classify(error, chatId, method)
    }
  }

  async function classify(error: unknown, chatId: number, method: string): Promise<unknown> {
    if (!(error instanceof GrammyError)) return error
    if (error.error_code === 429) {
      const waitMs = Math.max(1, error.parameters.retry_after ?? 1) * 1000
      await pacer.blockChat(chatId, waitMs)
      log.warn({ chatId, method, retryAfterMs: waitMs }, 'Telegram asked to slow down (429); holding the chat')
      return new ChatNotReadyError(chatId, waitMs, 'chat')
    }
    if (error.error_code === 403 || (error.error_code === 400 && UNREACHABLE_400.test(error.description))) {
      return new RecipientUnreachableError(chatId, error.description)
    }
    if (error.error_code === 400) return new MessageRejectedError(method, error.description)
    return error
  }

  const place = (where: Placement) => ({
    ...(where.threadId ? { message_thread_id: where.threadId } : {}),
    ...(where.replyTo ? { reply_parameters: { message_id: where.replyTo, allow_sending_without_reply: true } } : {}),
  })

  return {
    /** Sends one HTML message (callers split long texts with splitMessageText first). */
    sendHtml(
      chatId: number,
      html: string,
      where: Placement = {},
      replyMarkup?: InlineKeyboardMarkup,
    ): Promise<Message> {
      return paced(chatId, 'sendMessage', () =>
        api.sendMessage(chatId, html, {
          parse_mode: 'HTML',
          link_preview_options: { is_disabled: true },
          ...place(where),
          ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
        }),
      )
    },

    /** Re-sends a file the consumer uploaded, by its file id (no size limit, nothing downloaded). */
    sendEvidence(chatId: number, file: EvidenceFileRef, where: Placement = {}): Promise<Message> {
      return file.kind === 'PHOTO'
        ? paced(chatId, 'sendPhoto', () => api.sendPhoto(chatId, file.fileId, place(where)))
        : paced(chatId, 'sendDocument', () => api.sendDocument(chatId, file.fileId, place(where)))
    },

    /** Uploads a file the bot made (a work summary, an export), with an optional caption. */
    sendUpload(chatId: number, file: InputFile, where: Placement = {}, caption?: string): Promise<Message> {
      return paced(chatId, 'sendDocument', () =>
        api.sendDocument(chatId, file, { ...place(where), ...(caption ? { caption } : {}) }),
      )
    },

    /** Sends a file by its Telegram file id with an HTML caption (a warning's photo or document). */
    sendFileWithCaption(
      chatId: number,
      file: EvidenceFileRef,
      captionHtml: string,
      replyMarkup?: InlineKeyboardMarkup,
    ): Promise<Message> {
      const options = {
        caption: captionHtml,
        parse_mode: 'HTML' as const,
        ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
      }
      return file.kind === 'PHOTO'
        ? paced(chatId, 'sendPhoto', () => api.sendPhoto(chatId, file.fileId, options))
        : paced(chatId, 'sendDocument', () => api.sendDocument(chatId, file.fileId, options))
    },

    /** Opens a forum topic (its creation posts a service message, so it takes a slot too); returns its thread id. */
    async createForumTopic(chatId: number, name: string): Promise<number> {
      const topic = await paced(chatId, 'createForumTopic', () => api.createForumTopic(chatId, name.slice(0, 128)))
      return topic.message_thread_id
    },
  }
}

export type TelegramSender = ReturnType<typeof createTelegramSender>
