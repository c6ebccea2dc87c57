// What parsing a formatted text yields, and the error Telegram answers malformed input with.
import type { MessageEntity } from 'grammy/types'
import { Errors } from './api-error.ts'

/** The plain text a Telegram client shows, and its entities. */
export interface FormattedText {
  text: string
  entities: MessageEntity[]
}

/** Telegram's "can't parse entities" error. */
export function cantParse(detail: string): Error {
  return Errors.badRequest(`can't parse entities: ${detail}`)
}

/** The UTF-8 byte offset of character `i` of `s`: the offsets Telegram's errors name. */
export const byteOffset = (s: string, i: number): number => Buffer.byteLength(s.slice(0, i))
