// MarkdownV2 and legacy Markdown, with Telegram's errors for malformed input (an unescaped `.` in MarkdownV2…).
import type { MessageEntity } from 'grammy/types'
import { byteOffset, cantParse, type FormattedText } from './formatted-text.ts'

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
      const end = urlEnd(input, i + 2, v2)
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

/** The index of the `)` closing a link's URL; in MarkdownV2 an escaped `\)` belongs to the URL. */
function urlEnd(input: string, from: number, v2: boolean): number {
  for (let j = from; j < input.length; j++) {
    if (v2 && input[j] === '\\') j++
    else if (input[j] === ')') return j
  }
  return -1
}
