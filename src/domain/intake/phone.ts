/**
 * Contact phone numbers of complainants: mainland China mobiles and landlines.
 */
import { toHalfWidth } from './normalize.ts'

/** Stable error codes of {@link parseContactPhone}; the bot maps them to localized messages. */
export const PHONE_ERROR_CODES = [
  /** Nothing was entered. */
  'EMPTY',
  /** Letters or symbols other than digits, `+`, spaces, dashes, dots and parentheses. */
  'NOT_DIGITS',
  /** A foreign country code (+1, +44, +852 …): a mainland China number is required. */
  'NOT_MAINLAND',
  /** Looks like a mobile (starts with 1) but does not have 11 digits. */
  'MOBILE_LENGTH',
  /** 11 digits starting with 1, but the second digit is not 3–9. */
  'MOBILE_PREFIX',
  /** Starts with 0 but the area code is not 010, 02x or 0[3-9]xx. */
  'LANDLINE_AREA_CODE',
  /** The landline number after the area code does not have 7–8 digits. */
  'LANDLINE_LENGTH',
  /** A 7–8 digit local number without an area code. */
  'LANDLINE_MISSING_AREA_CODE',
  /** The extension after 转/ext/分机 is not 1–6 digits. */
  'EXTENSION_INVALID',
  /** Not any recognized mainland format (service numbers, over 64 characters …). */
  'UNKNOWN_FORMAT',
] as const

export type PhoneErrorCode = (typeof PHONE_ERROR_CODES)[number]

/** A validated mainland mobile number. */
export interface MobilePhone {
  kind: 'mobile'
  /** E.164 form, e.g. `+8613812345678`. */
  canonical: string
  /** The 11 national digits, e.g. `13812345678`. */
  national: string
}

/** A validated mainland landline number. */
export interface LandlinePhone {
  kind: 'landline'
  /** `0AREA-NUMBER`, plus `转EXT` when there is an extension, e.g. `028-12345678转123`. */
  canonical: string
  /** Area code with the trunk 0, e.g. `028`, `0833`. */
  areaCode: string
  /** 7–8 digit subscriber number. */
  localNumber: string
  extension: string | null
}

export type ContactPhone = MobilePhone | LandlinePhone

export type ParseContactPhoneResult = { ok: true; value: ContactPhone } | { ok: false; error: PhoneErrorCode }

export interface ParseContactPhoneOptions {
  /**
   * `'typed'` (default): text the user typed.
   * `'telegram_contact'`: `Contact.phone_number` from a shared Telegram contact, which is
   * always international, with or without a leading `+` (`8613812345678`). Any number not
   * starting with country code 86 is then rejected with `NOT_MAINLAND`.
   */
  source?: 'typed' | 'telegram_contact'
}

/** Longer input is not a phone number (and would make the patterns below slow). */
const MAX_INPUT_LENGTH = 64

const EXTENSION_SPLIT = /^(.*?)\s*(?:转|轉|分机|分機|extension|ext\.?|x|#)\s*(.*)$/i
const ALLOWED_MAIN = /^[\s(]*\+?[\d\s\-\u2010-\u2015().]*$/
const DASH_TAIL = /[-\u2010-\u2015]\s*(\d+)\s*$/
const MAX_EXTENSION_DIGITS = 6

/**
 * Parses a complainant's contact phone number.
 *
 * Accepts mainland mobiles (`1[3-9]` + 9 digits) with an optional `+86` / `86` / `0086`
 * prefix, and landlines with an area code (`010`, `02x`, `0xxx`) plus a 7–8 digit number and an
 * optional extension (`转`, `ext`, `分机`, or a trailing `-123`). Spaces, dashes, dots, parentheses
 * and full-width digits are tolerated.
 *
 * @returns mobiles as `+86…`; landlines as `0AREA-NUMBER[转EXT]`.
 */
export function parseContactPhone(input: string, options: ParseContactPhoneOptions = {}): ParseContactPhoneResult {
  const text = toHalfWidth(input).trim()
  if (text === '') return fail('EMPTY')
  if (text.length > MAX_INPUT_LENGTH) return fail('UNKNOWN_FORMAT')

  const split = EXTENSION_SPLIT.exec(text)
  const main = (split ? (split[1] ?? '') : text).trim()
  const extension = split ? (split[2] ?? '').trim() : null
  if (!ALLOWED_MAIN.test(main)) return fail('NOT_DIGITS')
  if (extension !== null && !/^\d{1,6}$/.test(extension)) return fail('EXTENSION_INVALID')

  const digits = main.replace(/\D/g, '')
  if (digits === '') return fail(extension === null ? 'NOT_DIGITS' : 'UNKNOWN_FORMAT')

  let national: string
  let hadCountryCode = true
  if (/^[\s(]*\+/.test(main) || options.source === 'telegram_contact') {
    if (digits.startsWith('0086')) national = digits.slice(4)
    else if (digits.startsWith('86')) national = digits.slice(2)
    else return fail('NOT_MAINLAND')
  } else if (digits.startsWith('00')) {
    if (!digits.startsWith('0086')) return fail('NOT_MAINLAND')
    national = digits.slice(4)
  } else if (/^861\d{10}$/.test(digits)) {
    national = digits.slice(2)
  } else {
    national = digits
    hadCountryCode = false
  }
  if (national === '') return fail('UNKNOWN_FORMAT')

  // International notation drops the trunk 0 of landlines: +86 28 1234 5678, +86 10 …
  if (hadCountryCode && /^(?:10|[2-9])/.test(national)) national = `0${national}`
  // Old long-distance habit: a mobile dialled with a leading 0.
  if (/^01[3-9]\d{9}$/.test(national)) national = national.slice(1)

  if (national.startsWith('1')) {
    if (extension !== null) return fail('UNKNOWN_FORMAT')
    if (national.length !== 11) return fail('MOBILE_LENGTH')
    if (!/^1[3-9]/.test(national)) return fail('MOBILE_PREFIX')
    return { ok: true, value: { kind: 'mobile', canonical: `+86${national}`, national } }
  }

  if (national.startsWith('0')) return parseLandline(national, extension, main)

  if (national.length === 7 || national.length === 8) return fail('LANDLINE_MISSING_AREA_CODE')
  return fail('UNKNOWN_FORMAT')
}

function parseLandline(national: string, explicitExtension: string | null, main: string): ParseContactPhoneResult {
  const areaLength = /^0(?:10|2\d)/.test(national) ? 3 : /^0[3-9]\d\d/.test(national) ? 4 : null
  if (areaLength === null) return fail('LANDLINE_AREA_CODE')
  const areaCode = national.slice(0, areaLength)
  let localNumber = national.slice(areaLength)
  let extension = explicitExtension

  if (!isLocalLength(localNumber) && extension === null) {
    // A trailing dash group may be an extension: 028-12345678-123.
    const tail = DASH_TAIL.exec(main)?.[1]
    if (tail !== undefined && tail.length < localNumber.length) {
      const withoutTail = localNumber.slice(0, -tail.length)
      if (isLocalLength(withoutTail)) {
        // The number itself is complete, so the tail is an extension: one that is too long is said to be.
        if (tail.length > MAX_EXTENSION_DIGITS) return fail('EXTENSION_INVALID')
        localNumber = withoutTail
        extension = tail
      }
    }
  }
  if (!isLocalLength(localNumber)) return fail('LANDLINE_LENGTH')
  if (!/^[2-9]/.test(localNumber)) return fail('UNKNOWN_FORMAT')

  const canonical = `${areaCode}-${localNumber}${extension === null ? '' : `转${extension}`}`
  return { ok: true, value: { kind: 'landline', canonical, areaCode, localNumber, extension } }
}

function isLocalLength(localNumber: string): boolean {
  return localNumber.length === 7 || localNumber.length === 8
}

function fail(error: PhoneErrorCode): ParseContactPhoneResult {
  return { ok: false, error }
}
