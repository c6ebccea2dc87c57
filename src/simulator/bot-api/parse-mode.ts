/**
 * Formatting the way Telegram applies `parse_mode`: turns HTML / MarkdownV2 /
 * Markdown into plain text + entities and rejects malformed input with
 * Telegram's "can't parse entities" errors (unescaped `<`, `<br>`, unescaped
 * `.` in MarkdownV2, unclosed tags...). Stored messages therefore hold the
 * plain `text` a Telegram client would show.
 */
import type { MessageEntity } from 'grammy/types'
import { Errors } from './api-error.ts'

export interface FormattedText {
  text: string
  entities: MessageEntity[]
}

export type ParseMode = 'HTML' | 'MarkdownV2' | 'Markdown'

function cantParse(detail: string): Error {
  return Errors.badRequest(`can't parse entities: ${detail}`)
}

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

const byteOffset = (s: string, i: number): number => Buffer.byteLength(s.slice(0, i))

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' }

function decodeEntity(input: string, i: number): { value: string; length: number } | undefined {
  const m = /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(input.slice(i, i + 12))
  if (!m || m[1] === undefined) return undefined
  const name = m[1]
  let value: string | undefined
  if (name.startsWith('#x')) value = String.fromCodePoint(parseInt(name.slice(2), 16))
  else if (name.startsWith('#')) value = String.fromCodePoint(parseInt(name.slice(1), 10))
  else value = NAMED_ENTITIES[name]
  return value === undefined ? undefined : { value, length: m[0].length }
}

const decodeAll = (s: string): string =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m0, name: string) => decodeEntity(m0, 0)?.value ?? `&${name};`)

interface OpenTag {
  tag: string
  start: number
  attrs: Record<string, string>
}

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
])

/** Telegram's HTML subset. */
export function parseHtml(input: string): FormattedText {
  let text = ''
  const entities: MessageEntity[] = []
  const stack: OpenTag[] = []
  let i = 0
  while (i < input.length) {
    const c = input[i]
    if (c === '&') {
      const ent = decodeEntity(input, i)
      if (ent) {
        text += ent.value
        i += ent.length
      } else {
        text += c
        i++
      }
      continue
    }
    if (c !== '<') {
      text += c
      i++
      continue
    }
    const close = input.indexOf('>', i)
    if (close === -1) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(input, i)}`)
    const inner = input.slice(i + 1, close)
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase()
      const top = stack.pop()
      if (!top) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(input, i)}`)
      if (top.tag !== name)
        throw cantParse(
          `Unmatched end tag at byte offset ${byteOffset(input, i)}, expected "</${top.tag}>", found "</${name}>"`,
        )
      const entity = htmlEntity(top, text.length - top.start, stack)
      if (entity && entity.length > 0) entities.push(entity)
    } else {
      const m = /^([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner)
      const name = (m?.[1] ?? '').toLowerCase()
      if (!HTML_TAGS.has(name))
        throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(input, i)}`)
      const attrs: Record<string, string> = {}
      for (const a of inner.slice(name.length).matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
        attrs[(a[1] ?? '').toLowerCase()] = decodeAll(a[2] ?? a[3] ?? a[4] ?? '')
      }
      if (name === 'span' && attrs.class !== 'tg-spoiler')
        throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(input, i)}`)
      stack.push({ tag: name, start: text.length, attrs })
    }
    i = close + 1
  }
  const open = stack.pop()
  if (open) throw cantParse(`Can't find end tag corresponding to start tag "${open.tag}"`)
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length)
  return { text, entities }
}

function htmlEntity(tag: OpenTag, length: number, stack: readonly OpenTag[]): MessageEntity | undefined {
  const offset = tag.start
  switch (tag.tag) {
    case 'b':
    case 'strong':
      return { type: 'bold', offset, length }
    case 'i':
    case 'em':
      return { type: 'italic', offset, length }
    case 'u':
    case 'ins':
      return { type: 'underline', offset, length }
    case 's':
    case 'strike':
    case 'del':
      return { type: 'strikethrough', offset, length }
    case 'span':
    case 'tg-spoiler':
      return { type: 'spoiler', offset, length }
    case 'blockquote':
      return { type: 'expandable' in tag.attrs ? 'expandable_blockquote' : 'blockquote', offset, length }
    case 'tg-emoji':
      return { type: 'custom_emoji', offset, length, custom_emoji_id: tag.attrs['emoji-id'] ?? '' }
    case 'a': {
      const href = tag.attrs.href ?? ''
      const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href)
      if (mention)
        return { type: 'text_mention', offset, length, user: { id: Number(mention[1]), is_bot: false, first_name: '' } }
      return href ? { type: 'text_link', offset, length, url: href } : undefined
    }
    case 'code': {
      // <pre><code class="language-x"> is a pre entity with a language.
      if (stack[stack.length - 1]?.tag === 'pre') return undefined
      return { type: 'code', offset, length }
    }
    case 'pre': {
      const lang = /language-(\S+)/.exec(Object.values(tag.attrs).join(' '))?.[1]
      return lang ? { type: 'pre', offset, length, language: lang } : { type: 'pre', offset, length }
    }
    default:
      return undefined
  }
}

const V2_RESERVED = new Set('_*[]()~`>#+-=|{}.!'.split(''))
const ENTITY_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  code: 'Code',
  pre: 'Pre',
  text_link: 'TextUrl',
}

interface OpenMark {
  type: 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'text_link'
  start: number
  byte: number
}

/** MarkdownV2 (`v2 = true`) or legacy Markdown. */
export function parseMarkdown(input: string, v2: boolean): FormattedText {
  let text = ''
  const entities: MessageEntity[] = []
  const stack: OpenMark[] = []
  let i = 0
  const toggle = (type: OpenMark['type'], width: number): void => {
    const idx = stack.map((s) => s.type).lastIndexOf(type)
    if (idx === -1) stack.push({ type, start: text.length, byte: byteOffset(input, i) })
    else {
      const [open] = stack.splice(idx, 1)
      if (open && text.length > open.start)
        entities.push({ type, offset: open.start, length: text.length - open.start } as MessageEntity)
    }
    i += width
  }
  while (i < input.length) {
    const c = input[i] ?? ''
    if (c === '\\' && (v2 || '_*`['.includes(input[i + 1] ?? ''))) {
      if (i + 1 >= input.length)
        throw cantParse(`Character '\\' is reserved and must be escaped with the preceding '\\'`)
      text += input[i + 1]
      i += 2
      continue
    }
    if (c === '`') {
      const isPre = input.startsWith('```', i)
      const fence = isPre ? '```' : '`'
      const startByte = byteOffset(input, i)
      let j = i + fence.length
      let language: string | undefined
      if (isPre) {
        const nl = input.indexOf('\n', j)
        const firstLine = nl === -1 ? '' : input.slice(j, nl)
        if (nl !== -1 && /^[\w+-]*$/.test(firstLine)) {
          language = firstLine || undefined
          j = nl + 1
        }
      }
      const start = text.length
      let closed = false
      while (j < input.length) {
        if (v2 && input[j] === '\\' && j + 1 < input.length) {
          text += input[j + 1]
          j += 2
          continue
        }
        if (input.startsWith(fence, j)) {
          closed = true
          break
        }
        text += input[j]
        j++
      }
      if (!closed)
        throw cantParse(
          v2
            ? `Can't find end of ${isPre ? 'Pre' : 'Code'} entity at byte offset ${startByte}`
            : `Can't find end of the entity starting at byte offset ${startByte}`,
        )
      if (text.length > start)
        entities.push(
          isPre
            ? language
              ? { type: 'pre', offset: start, length: text.length - start, language }
              : { type: 'pre', offset: start, length: text.length - start }
            : { type: 'code', offset: start, length: text.length - start },
        )
      i = j + fence.length
      continue
    }
    if (c === '*') {
      toggle('bold', 1)
      continue
    }
    if (c === '_') {
      if (v2 && input[i + 1] === '_') toggle('underline', 2)
      else toggle('italic', 1)
      continue
    }
    if (v2 && c === '~') {
      toggle('strikethrough', 1)
      continue
    }
    if (v2 && c === '|' && input[i + 1] === '|') {
      toggle('spoiler', 2)
      continue
    }
    if (c === '[') {
      stack.push({ type: 'text_link', start: text.length, byte: byteOffset(input, i) })
      i++
      continue
    }
    if (c === ']' && stack[stack.length - 1]?.type === 'text_link') {
      const open = stack.pop() as OpenMark
      if (input[i + 1] !== '(') {
        if (v2) throw cantParse(`Character ']' is reserved and must be escaped with the preceding '\\'`)
        i++
        continue
      }
      const end = input.indexOf(')', i + 2)
      if (end === -1) throw cantParse(`Can't find end of a URL at byte offset ${byteOffset(input, i + 2)}`)
      const url = input.slice(i + 2, end).replace(/\\(.)/g, '$1')
      if (text.length > open.start)
        entities.push({ type: 'text_link', offset: open.start, length: text.length - open.start, url })
      i = end + 1
      continue
    }
    if (v2 && c === '>' && (i === 0 || input[i - 1] === '\n')) {
      i++ // blockquote marker; the quote entity itself is not modelled
      continue
    }
    if (v2 && V2_RESERVED.has(c))
      throw cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`)
    text += c
    i++
  }
  const open = stack[0]
  if (open)
    throw cantParse(
      v2
        ? `Can't find end of ${ENTITY_NAMES[open.type] ?? open.type} entity at byte offset ${open.byte}`
        : `Can't find end of the entity starting at byte offset ${open.byte}`,
    )
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length)
  return { text, entities }
}
