// Phone numbers, ID numbers and names must never reach a log line in full (PIPL; 12315-process.md §10).

const ID_NUMBER = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g
const MOBILE = /(?<![\d])((?:\+|00)?86[ -]?)?(1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})(?!\d)/g
const LANDLINE = /(?<!\d)(0\d{2,3})[ -]?\d{3,4}(\d{4})(?!\d)/g

/** Masks every phone-number-like and ID-number-like run of digits in free text. */
export function scrubText(text: string): string {
  return text
    .replace(ID_NUMBER, (_m, head: string, tail: string) => `${head}********${tail}`)
    .replace(MOBILE, (_m, _cc, head: string, tail: string) => `${head}****${tail}`)
    .replace(LANDLINE, (_m, area: string, tail: string) => `${area}-****${tail}`)
}

/** Keeps the first character of each word: 张三丰 → 张**, John Smith → J*** S****. */
export function maskPersonName(name: string): string {
  return name
    .split(/(\s+)/)
    .map((part) => (/^\s+$/.test(part) ? part : maskWord(part)))
    .join('')
}

function maskWord(word: string): string {
  const chars = [...word]
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`
}

const NAME_KEYS = new Set(['name', 'displayName', 'firstName', 'lastName', 'first_name', 'last_name', 'contactName', 'username', 'fullName'])
const PHONE_KEYS = new Set(['phone', 'phoneNumber', 'phone_number', 'contactPhone', 'idNumber'])

/** Deep copy of a log record with names masked and phone or ID numbers scrubbed wherever they are. */
export function scrubRecord(value: unknown, key?: string, depth = 0): unknown {
  if (depth > 8) return '[deep]'
  if (typeof value === 'string') {
    if (key && NAME_KEYS.has(key)) return maskPersonName(value)
    if (key && PHONE_KEYS.has(key)) return scrubText(value.replace(/\d(?=\d{4})/g, '*'))
    return scrubText(value)
  }
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map((item) => scrubRecord(item, key, depth + 1))
  if (value instanceof Error) return { type: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubRecord(v, k, depth + 1)]))
  }
  return value
}
