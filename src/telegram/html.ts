/** Escapes user text for Telegram's HTML parse mode (the only three characters it requires). */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

const TAG = /<[^>]*>/g
const ENTITY = /&(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);/g

/**
 * The length Telegram counts for an HTML message: tags removed, entities as one character, in UTF-16 code
 * units (Telegram's 4096 limit is on the parsed text).
 */
export function visibleLength(html: string): number {
  return html.replace(TAG, '').replace(ENTITY, '_').length
}
