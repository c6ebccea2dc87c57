// Phone numbers, ID numbers and names must never reach a log line in full (PIPL; 12315-process.md §10).
import { maskIdNumber, maskName, maskPhone } from '../domain/intake/masking.ts'

// 18 characters since 1999; the first-generation cards' 15 digits are still read off old records.
const ID_NUMBER = /(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)/g
// Other identity documents: passports (E12345678), 港澳/台湾 permits (H12345678), foreign permanent residents'
// 15-character cards (USA110012345678): a few letters followed by 7 to 12 digits, as a word of its own.
const LETTERED_DOCUMENT = /(?<![\p{L}\d])[A-Za-z]{1,3}\d{7,12}(?![\p{L}\d])/gu
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?(\d{4})(?!\d)/g
const LANDLINE = /(?<!\d)0\d{2,3}[ -]?\d{3,4}(\d{4})(?!\d)/g

/**
 * Masks every phone-number-like and ID-number-like run of digits in free text, keeping at most 4 digits. Numbers
 * that look like any other number (a Taiwan permit's 8 or 10 digits, an all-digit passport, a landline without its
 * area code, next to Telegram's 9-13 digit ids) and names cannot be told apart here: they are kept out of free
 * text instead (consumers' messages are never logged; fields under the known keys below are masked).
 */
export function scrubText(text: string): string {
  return text
    .replace(ID_NUMBER, (id) => maskIdNumber(id))
    .replace(LETTERED_DOCUMENT, (id) => maskIdNumber(id))
    .replace(MOBILE, (_m, tail: string) => `*******${tail}`)
    .replace(LANDLINE, (_m, tail: string) => `***-****${tail}`)
}

const NAME_KEYS = new Set([
  'name',
  'displayName',
  'firstName',
  'lastName',
  'first_name',
  'last_name',
  'contactName',
  'username',
  'fullName',
  'mailingAddress',
  'mailing_address',
])
const PHONE_KEYS = new Set(['phone', 'phoneNumber', 'phone_number', 'contactPhone'])
const ID_KEYS = new Set(['idNumber', 'id_number', 'idNumberEncrypted', 'id_number_encrypted'])

/** Deep copy of a log record with names masked and phone or ID numbers scrubbed wherever they are. */
export function scrubRecord(value: unknown, key?: string, depth = 0): unknown {
  if (depth > 8) return '[deep]'
  if (typeof value === 'string') return scrubString(value, key)
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map((item) => scrubRecord(item, key, depth + 1))
  if (value instanceof Error)
    return { type: value.name, message: scrubText(value.message), stack: value.stack && scrubText(value.stack) }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubRecord(v, k, depth + 1)]))
  }
  return value
}

function scrubString(value: string, key: string | undefined): string {
  if (key && NAME_KEYS.has(key)) return maskName(value)
  if (key && PHONE_KEYS.has(key)) return maskPhone(value)
  if (key && ID_KEYS.has(key)) return maskIdNumber(value)
  return scrubText(value)
}
