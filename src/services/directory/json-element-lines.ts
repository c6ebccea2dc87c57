/**
 * Where each element of the top-level arrays of a JSON document starts, as 1-based line numbers.
 * JSON.parse forgets positions; import errors need them, so this walks the (already valid) text once.
 */

/** Lines of the elements of each array-valued key of the root object; keys seen twice are listed in `duplicates`. */
export interface JsonElementLines {
  lines: Map<string, number[]>
  duplicates: string[]
}

/** Expects text that JSON.parse accepted; anything else gives partial results rather than an exception. */
export function jsonElementLines(text: string): JsonElementLines {
  const lines = new Map<string, number[]>()
  const duplicates: string[] = []
  let i = 0
  let line = 1

  const skipWhitespace = () => {
    while (i < text.length) {
      const ch = text[i]
      if (ch === '\n') line += 1
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return
      i += 1
    }
  }
  const readString = (): string => {
    const start = i
    i += 1
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i += 1
    return JSON.parse(text.slice(start, i)) as string
  }
  const skipValue = (onElement?: (line: number) => void): void => {
    skipWhitespace()
    const ch = text[i]
    if (ch === '"') {
      readString()
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']'
      i += 1
      skipWhitespace()
      if (text[i] === close) {
        i += 1
        return
      }
      while (i < text.length) {
        skipWhitespace()
        if (ch === '{') {
          readString()
          skipWhitespace()
          i += 1 // ':'
          skipValue()
        } else {
          skipWhitespace()
          onElement?.(line)
          skipValue()
        }
        skipWhitespace()
        if (text[i] === ',') {
          i += 1
          continue
        }
        i += 1 // the closing bracket
        return
      }
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text.charAt(i))) i += 1
    }
  }

  if (text.charCodeAt(0) === 0xfeff) i = 1
  skipWhitespace()
  if (text[i] !== '{') return { lines, duplicates }
  i += 1
  skipWhitespace()
  while (i < text.length && text[i] !== '}') {
    const key = readString()
    skipWhitespace()
    i += 1 // ':'
    skipWhitespace()
    if (lines.has(key)) duplicates.push(key)
    if (text[i] === '[') {
      const elementLines: number[] = []
      lines.set(key, elementLines)
      skipValue((at) => elementLines.push(at))
    } else {
      skipValue()
    }
    skipWhitespace()
    if (text[i] === ',') i += 1
    skipWhitespace()
  }
  return { lines, duplicates }
}
