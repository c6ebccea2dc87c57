// A consumer warning as its recipients see it, and its one-tap unsubscribe button.
import type { InlineKeyboardMarkup } from 'grammy/types'
import type { TFunction } from '../../i18n/translator.ts'
import { unsubscribeCallback } from '../callback-data/warnings.ts'
import { escapeHtml } from '../html.ts'

/** What a warning message shows, already in the recipient's language. */
export interface WarningMessage {
  text: string
  /** The target areas' names (`东坡区 › 通惠街道`). */
  areas: readonly string[]
  /** The sending station's name; absent for an admin's warning. */
  station?: string | null | undefined
}

/** The warning's HTML (within a caption's 1,024 characters for a text within MAX_WARNING_TEXT). */
export function renderWarning(t: TFunction, warning: WarningMessage): string {
  const lines = [
    t('warnings:message.title'),
    t('warnings:message.areas', { areas: escapeHtml(warning.areas.join('；').slice(0, 120)) }),
    '',
    escapeHtml(warning.text),
  ]
  if (warning.station) lines.push('', t('warnings:message.from', { station: escapeHtml(warning.station) }))
  return lines.join('\n')
}

/** "Unsubscribe from this area": removes the recipient's subscription that this warning reached them through. */
export function warningKeyboard(t: TFunction, subscriptionId: number): InlineKeyboardMarkup {
  return {
    inline_keyboard: [
      [{ text: t('warnings:message.unsubscribe'), callback_data: unsubscribeCallback.encode({ subscriptionId }) }],
    ],
  }
}
