/**
 * Human-readable ticket tracking numbers: `PREFIX-YYYYMMDD-NNNN`, e.g. `MS-20261128-0042`.
 * The per-day sequence comes from the database.
 */
import { toHalfWidth } from './normalize.ts'

/** Default prefix: MS for 眉山 (Meishan). */
export const DEFAULT_TRACKING_PREFIX = 'MS'

/** Stable error codes of {@link parseTrackingNumber} and {@link validateTrackingPrefix}. */
export const TRACKING_NUMBER_ERROR_CODES = [
  /** Nothing was entered. */
  'EMPTY',
  /** No `PREFIX-YYYYMMDD-NNNN` pattern found in the text. */
  'NOT_FOUND',
  /** The date part is not a calendar day, e.g. `MS-20261340-0001`. */
  'INVALID_DATE',
  /** The sequence is 0. */
  'INVALID_SEQUENCE',
  /** A configured prefix is not 2–4 uppercase letters A–Z. */
  'INVALID_PREFIX',
] as const

export type TrackingNumberErrorCode = (typeof TRACKING_NUMBER_ERROR_CODES)[number]

export interface TrackingNumber {
  prefix: string
  /** `YYYY-MM-DD`. */
  date: string
  sequence: number
  /** Formatted with {@link formatTrackingNumber}. */
  canonical: string
}

export type ParseTrackingNumberResult =
  | { ok: true; value: TrackingNumber }
  | { ok: false; error: Exclude<TrackingNumberErrorCode, 'INVALID_PREFIX'> }

export type ValidateTrackingPrefixResult = { ok: true; value: string } | { ok: false; error: 'INVALID_PREFIX' }

const PREFIX = /^[A-Z]{2,4}$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const IN_TEXT = /(?<![A-Z0-9])([A-Z]{2,4})[-_]?(\d{8})[-_]?(\d{4,9})(?![0-9])/

/** Validates a configured prefix: 2–4 uppercase letters A–Z (surrounding spaces trimmed). */
export function validateTrackingPrefix(prefix: string): ValidateTrackingPrefixResult {
  const trimmed = prefix.trim()
  return PREFIX.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, error: 'INVALID_PREFIX' }
}

/**
 * Formats a tracking number: `formatTrackingNumber('MS', '2026-11-28', 42)` → `MS-20261128-0042`.
 * The sequence is zero-padded to 4 digits and simply grows beyond 9999 (`MS-20261128-12345`).
 *
 * @param localDate `YYYY-MM-DD`, the local date the ticket was created.
 * @param sequence per-day sequence, an integer ≥ 1.
 * @throws RangeError on an invalid prefix, date or sequence (programming errors).
 */
export function formatTrackingNumber(prefix: string, localDate: string, sequence: number): string {
  if (!PREFIX.test(prefix)) throw new RangeError(`formatTrackingNumber: invalid prefix ${JSON.stringify(prefix)}`)
  const date = ISO_DATE.exec(localDate)
  if (!date || !isValidDate(Number(date[1]), Number(date[2]), Number(date[3]))) {
    throw new RangeError(`formatTrackingNumber: invalid date ${JSON.stringify(localDate)}`)
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`formatTrackingNumber: invalid sequence ${sequence}`)
  }
  return `${prefix}-${date[1]}${date[2]}${date[3]}-${String(sequence).padStart(4, '0')}`
}

/**
 * Finds a tracking number in user text: case-insensitive, full-width tolerant, with spaces,
 * dashes, underscores or no separators (`ms 20261128 0042`, `MS202611280042`,
 * `工单号：MS-20261128-0042`). The first match wins. Any 2–4 letter prefix is accepted; compare
 * `prefix` with the configured one if needed.
 */
export function parseTrackingNumber(text: string): ParseTrackingNumberResult {
  const normalized = toHalfWidth(text)
    .toUpperCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/(?<=[A-Z0-9_-])\s+(?=[0-9_-])/g, '')
    .trim()
  if (normalized === '') return { ok: false, error: 'EMPTY' }

  const match = IN_TEXT.exec(normalized)
  const [, prefix, digits, sequenceText] = match ?? []
  if (prefix === undefined || digits === undefined || sequenceText === undefined) {
    return { ok: false, error: 'NOT_FOUND' }
  }
  const year = Number(digits.slice(0, 4))
  const month = Number(digits.slice(4, 6))
  const day = Number(digits.slice(6, 8))
  if (!isValidDate(year, month, day)) return { ok: false, error: 'INVALID_DATE' }
  const sequence = Number(sequenceText)
  if (sequence < 1) return { ok: false, error: 'INVALID_SEQUENCE' }

  const date = `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`
  return { ok: true, value: { prefix, date, sequence, canonical: formatTrackingNumber(prefix, date, sequence) } }
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31
  return day <= days
}
