// Telegram's HTML subset (`parse_mode: 'HTML'`), with its errors for malformed input (`<br>`, unclosed tags…).
import type { MessageEntity } from 'grammy/types'
import { byteOffset, cantParse, type FormattedText } from './formatted-text.ts'

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
      // A bare attribute (`<blockquote expandable>`) has an empty value.
      for (const a of inner
        .slice(name.length)
        .matchAll(/([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g)) {
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
      // <pre><code class="language-x"> is a pre entity with a language: the class goes to the enclosing pre.
      const pre = stack[stack.length - 1]
      if (pre?.tag !== 'pre') return { type: 'code', offset, length }
      if (tag.attrs.class) pre.attrs.class ??= tag.attrs.class
      return undefined
    }
    case 'pre': {
      const lang = /language-(\S+)/.exec(tag.attrs.class ?? '')?.[1]
      return lang ? { type: 'pre', offset, length, language: lang } : { type: 'pre', offset, length }
    }
    default:
      return undefined
  }
}
