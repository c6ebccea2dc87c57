import { visibleLength } from './html.ts'

/** Telegram's limit on one message's text, after parsing. */
export const MAX_MESSAGE_LENGTH = 4096

/**
 * Splits an HTML message into parts of at most `limit` visible characters, on line boundaries. Tags must not
 * span lines (our templates close every tag on the line that opens it); a single line longer than the limit is
 * cut between characters, never inside a tag or an entity such as `&amp;`.
 */
export function splitMessageText(html: string, limit = MAX_MESSAGE_LENGTH): string[] {
  if (visibleLength(html) <= limit) return [html]
  const parts: string[] = []
  let current = ''
  const flush = () => {
    if (current.trim() !== '') parts.push(current.replace(/\n+$/, ''))
    current = ''
  }
  for (const line of html.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`
    if (visibleLength(candidate) <= limit) {
      current = candidate
      continue
    }
    flush()
    if (visibleLength(line) <= limit) current = line
    else {
      const pieces = cutLine(line, limit)
      current = pieces.pop() ?? ''
      parts.push(...pieces)
    }
  }
  flush()
  return parts
}

/** Cuts one over-long line into pieces of at most `limit` visible characters, keeping tags and entities whole. */
function cutLine(line: string, limit: number): string[] {
  const tokens = line.match(/<[^>]*>|&(?:amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);|[\s\S]/gu) ?? []
  const pieces: string[] = []
  let piece = ''
  let length = 0
  for (const token of tokens) {
    const width = token.startsWith('<') ? 0 : token.startsWith('&') && token.length > 1 ? 1 : token.length
    if (length + width > limit) {
      pieces.push(piece)
      piece = ''
      length = 0
    }
    piece += token
    length += width
  }
  if (piece !== '') pieces.push(piece)
  return pieces
}
