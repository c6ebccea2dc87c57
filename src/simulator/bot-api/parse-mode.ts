/**
 * Formatting the way Telegram applies `parse_mode`: turns HTML / MarkdownV2 /
 * Markdown into plain text + entities and rejects malformed input with
 * Telegram's "can't parse entities" errors (unescaped `<`, `<br>`, unescaped
 * `.` in MarkdownV2, unclosed tags...). Stored messages therefore hold the
 * plain `text` a Telegram client would show.
 */
import type { MessageEntity } from 'grammy/types'
import { Errors } from './api-error.ts'
import type { FormattedText } from './formatted-text.ts'
import { parseHtml } from './parse-html.ts'
import { parseMarkdown } from './parse-markdown.ts'

/** Applies `parse_mode` (or explicit `entities`) to `text`. */
export function formatText(text: string, parseMode: string | undefined, entities?: MessageEntity[]): FormattedText {
  let result: FormattedText
  if (parseMode === undefined || parseMode === '') result = { text, entities: entities ?? [] }
  else if (parseMode.toLowerCase() === 'html') result = parseHtml(text)
  else if (parseMode.toLowerCase() === 'markdownv2') result = parseMarkdown(text, true)
  else if (parseMode.toLowerCase() === 'markdown') result = parseMarkdown(text, false)
  else throw Errors.badRequest(`unsupported parse_mode`)
  return trim(result)
}

/** Telegram strips leading and trailing whitespace from texts and captions. */
function trim({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length
  const trimmed = text.trim()
  const out: MessageEntity[] = []
  for (const e of entities) {
    const start = Math.max(0, e.offset - lead)
    const end = Math.min(trimmed.length, e.offset + e.length - lead)
    if (end > start) out.push({ ...e, offset: start, length: end - start })
  }
  return { text: trimmed, entities: out }
}
