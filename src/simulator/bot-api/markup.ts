/**
 * reply_markup handling: validation with Telegram's errors, and lookup of
 * inline buttons by label (used by TestUser.press).
 */
import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  Message,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types'
import { Errors } from './api-error.ts'

export type AnyReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply

const INLINE_ACTIONS = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat',
  'copy_text',
  'callback_game',
  'pay',
] as const

/** Validates reply_markup like Telegram does; returns it unchanged. */
export function validateMarkup(markup: AnyReplyMarkup | undefined): AnyReplyMarkup | undefined {
  if (markup === undefined) return undefined
  if (typeof markup !== 'object' || markup === null)
    throw Errors.badRequest("can't parse reply keyboard markup JSON object")
  if ('inline_keyboard' in markup) {
    if (!Array.isArray(markup.inline_keyboard) || markup.inline_keyboard.some((row) => !Array.isArray(row)))
      throw Errors.badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
    for (const row of markup.inline_keyboard)
      for (const button of row) {
        if (typeof button.text !== 'string' || button.text === '')
          throw Errors.badRequest('text buttons are unallowed in the inline keyboard')
        const actions = INLINE_ACTIONS.filter((a) => a in button)
        if (actions.length === 0) throw Errors.badRequest('text buttons are unallowed in the inline keyboard')
        if ('callback_data' in button) {
          const len = Buffer.byteLength(button.callback_data)
          if (len < 1 || len > 64) throw Errors.badRequest('BUTTON_DATA_INVALID')
        }
        if ('url' in button && !/^(https?|tg):\/\/\S+$/.test(button.url))
          throw Errors.badRequest(`inline keyboard button URL '${button.url}' is invalid: Wrong HTTP URL`)
      }
  } else if ('keyboard' in markup) {
    if (!Array.isArray(markup.keyboard) || markup.keyboard.some((row) => !Array.isArray(row)))
      throw Errors.badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
  } else if (!('remove_keyboard' in markup) && !('force_reply' in markup)) {
    throw Errors.badRequest("can't parse reply keyboard markup JSON object")
  }
  return markup
}

/** Only inline keyboards are part of a Message object; reply keyboards belong to the chat. */
export function inlineMarkupOf(markup: AnyReplyMarkup | undefined): InlineKeyboardMarkup | undefined {
  return markup && 'inline_keyboard' in markup && markup.inline_keyboard.length > 0 ? markup : undefined
}

/** All inline buttons of a message, flattened. */
export function inlineButtons(message: Message): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard.flat() ?? []
}

export type ButtonLabel = string | RegExp

export function labelMatches(text: string, label: ButtonLabel): boolean {
  return typeof label === 'string' ? text === label : label.test(text)
}

/** Finds a button by label in a message's inline keyboard. */
export function findInlineButton(message: Message, label: ButtonLabel): InlineKeyboardButton | undefined {
  return inlineButtons(message).find((b) => labelMatches(b.text, label))
}

/** `[Label|data]` rendering of a keyboard for transcripts. */
export function describeMarkup(markup: AnyReplyMarkup | undefined): string {
  if (!markup) return ''
  if ('inline_keyboard' in markup)
    return markup.inline_keyboard
      .map((row) =>
        row
          .map((b) => `[${b.text}${'callback_data' in b ? `|${b.callback_data}` : 'url' in b ? `|${b.url}` : ''}]`)
          .join(' '),
      )
      .join(' / ')
  if ('keyboard' in markup)
    return `keyboard: ${markup.keyboard.map((row) => row.map((b) => `(${typeof b === 'string' ? b : b.text})`).join(' ')).join(' / ')}`
  if ('remove_keyboard' in markup) return 'remove_keyboard'
  return 'force_reply'
}
