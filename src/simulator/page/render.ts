/** Turns Bot API messages into DOM: text with entities as Telegram formats them, media, keyboards. */
export interface MessageEntity {
  type: string
  offset: number
  length: number
  url?: string
  language?: string
}

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

const TAGS: Record<string, [string, string]> = {
  bold: ['<b>', '</b>'],
  italic: ['<i>', '</i>'],
  underline: ['<u>', '</u>'],
  strikethrough: ['<s>', '</s>'],
  code: ['<code>', '</code>'],
  pre: ['<pre>', '</pre>'],
  spoiler: ['<span class="spoiler">', '</span>'],
  blockquote: ['<blockquote>', '</blockquote>'],
  expandable_blockquote: ['<blockquote>', '</blockquote>'],
}

/** HTML for a text and its entities (UTF-16 offsets, as JavaScript strings count). */
export function formatText(text: string, entities: MessageEntity[] = []): string {
  const opens = new Map<number, string[]>()
  const closes = new Map<number, string[]>()
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length)
  for (const e of sorted) {
    let tags = TAGS[e.type]
    if (e.type === 'text_link' && e.url) tags = [`<a href="${esc(e.url)}" target="_blank" rel="noopener">`, '</a>']
    if (e.type === 'url')
      tags = [`<a href="${esc(text.slice(e.offset, e.offset + e.length))}" target="_blank" rel="noopener">`, '</a>']
    if (!tags) continue
    ;(opens.get(e.offset) ?? opens.set(e.offset, []).get(e.offset)!).push(tags[0])
    const end = e.offset + e.length
    ;(closes.get(end) ?? closes.set(end, []).get(end)!).unshift(tags[1])
  }
  let out = ''
  for (let i = 0; i <= text.length; i++) {
    out += (closes.get(i) ?? []).join('') + (opens.get(i) ?? []).join('')
    if (i < text.length) out += esc(text[i]!)
  }
  return out
}
