/** Turns Bot API messages into DOM: text with entities as Telegram formats them, media, keyboards. */
export interface MessageEntity {
  type: string
  offset: number
  length: number
  url?: string
  language?: string
}

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c)

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

function tagsAt(tags: Map<number, string[]>, offset: number): string[] {
  let list = tags.get(offset)
  if (!list) {
    list = []
    tags.set(offset, list)
  }
  return list
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
    tagsAt(opens, e.offset).push(tags[0])
    tagsAt(closes, e.offset + e.length).unshift(tags[1])
  }
  let out = ''
  for (let i = 0; i <= text.length; i++) {
    out += (closes.get(i) ?? []).join('') + (opens.get(i) ?? []).join('')
    if (i < text.length) out += esc(text.charAt(i))
  }
  return out
}
