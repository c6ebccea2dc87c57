/**
 * Identity documents (Order 121: real identity). The 居民身份证 number is checked by its GB 11643-1999 check digit
 * (ISO 7064 MOD 11-2), its province code and its birth date; other documents by the shape of their number.
 */
import { cleanText } from './text-answer.ts'

export const ID_DOCUMENT_TYPES = [
  /** 居民身份证 */
  'RESIDENT_ID',
  /** 港澳居民来往内地通行证 */
  'HK_MACAO_PERMIT',
  /** 台湾居民来往大陆通行证 */
  'TAIWAN_PERMIT',
  /** 护照 */
  'PASSPORT',
  /** 外国人永久居留身份证 */
  'FOREIGN_PERMANENT_RESIDENT',
  /** 其他证件 */
  'OTHER',
] as const

export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number]

export function isIdDocumentType(value: unknown): value is IdDocumentType {
  return typeof value === 'string' && (ID_DOCUMENT_TYPES as readonly string[]).includes(value)
}

export const ID_NUMBER_ERROR_CODES = [
  'EMPTY',
  /** Not the shape of a number of this document type. */
  'FORMAT',
  /** 居民身份证: the last character is not the check digit of the first 17. */
  'CHECK_DIGIT',
  /** 居民身份证: no such birth date, or one in the future or before 1900. */
  'BIRTH_DATE',
  /** 居民身份证: the first two digits are no province-level code (GB/T 2260). */
  'REGION',
] as const

export type IdNumberErrorCode = (typeof ID_NUMBER_ERROR_CODES)[number]

export type IdNumberResult = { ok: true; value: string } | { ok: false; error: IdNumberErrorCode }

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'

/** The GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits of a 居民身份证 number. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0)
  return CHECK_CHARACTERS[sum % 11] ?? ''
}

/**
 * The province-level codes (GB/T 2260) a 居民身份证 number begins with: the 31 provinces, autonomous regions and
 * municipalities, 71 Taiwan, and 81, 82, 83 for the residence permits of Hong Kong, Macao and Taiwan residents.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' '),
)

/** Number patterns of the documents without a check digit we can compute (upper case, no spaces). */
const PATTERNS: Readonly<Record<Exclude<IdDocumentType, 'RESIDENT_ID'>, RegExp>> = {
  // H or M, then 8 digits (10 on the older booklets).
  HK_MACAO_PERMIT: /^[HM]\d{8}(?:\d{2})?$/,
  // 8 digits (10 on the older booklets).
  TAIWAN_PERMIT: /^\d{8}(?:\d{2})?$/,
  PASSPORT: /^[A-Z0-9]{5,17}$/,
  // 15 characters (3 letters, 12 digits) until 2023; 18 since, beginning with 9.
  FOREIGN_PERMANENT_RESIDENT: /^(?:[A-Z]{3}\d{12}|9\d{16}[\dX])$/,
  OTHER: /^[A-Z0-9-]{4,30}$/,
}

/**
 * Validates an identity-document number of `type`, given today's date (`YYYY-MM-DD`, Asia/Shanghai) for the
 * birth date of a 居民身份证. Spaces are ignored and letters upper-cased; the value returned is the number as stored.
 */
export function validateIdNumber(type: IdDocumentType, input: string, today: string): IdNumberResult {
  const value = cleanText(input, { multiline: false })
    .replace(/[\s\u3000]/g, '')
    .toUpperCase()
  if (value === '') return { ok: false, error: 'EMPTY' }
  if (type !== 'RESIDENT_ID') return PATTERNS[type].test(value) ? { ok: true, value } : { ok: false, error: 'FORMAT' }
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, error: 'FORMAT' }
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return { ok: false, error: 'REGION' }
  if (!plausibleBirthDate(value.slice(6, 14), today)) return { ok: false, error: 'BIRTH_DATE' }
  if (residentIdCheckCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, error: 'CHECK_DIGIT' }
  return { ok: true, value }
}

function plausibleBirthDate(yyyymmdd: string, today: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4))
  const month = Number(yyyymmdd.slice(4, 6))
  const day = Number(yyyymmdd.slice(6, 8))
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`
  return year >= 1900 && iso <= today
}
