/**
 * Money amounts in the complaint (price paid, loss claimed), stored as integer fen (分).
 */
import { toHalfWidth } from './normalize.ts'

/** Largest accepted amount: 100,000,000 yuan, in fen. */
export const MAX_AMOUNT_FEN = 10_000_000_000

/** Stable error codes of {@link parseAmountYuan}. */
export const AMOUNT_ERROR_CODES = [
  /** Nothing was entered. */
  'EMPTY',
  /** Not a number (letters, malformed thousands separators, several dots …). */
  'NOT_A_NUMBER',
  /** A negative amount. */
  'NEGATIVE',
  /** More than 2 decimal places (fen is the smallest unit), e.g. `0.001`. */
  'TOO_MANY_DECIMALS',
  /** Zero. The amount is optional: the bot should suggest skipping the question instead. */
  'ZERO',
  /** More than {@link MAX_AMOUNT_FEN}; the result carries `limitFen`. */
  'TOO_LARGE',
] as const

export type AmountErrorCode = (typeof AMOUNT_ERROR_CODES)[number]

export type ParseAmountResult =
  | { ok: true; value: number }
  | { ok: false; error: Exclude<AmountErrorCode, 'TOO_LARGE'> }
  | { ok: false; error: 'TOO_LARGE'; limitFen: number }

/** Locales the bot supports for formatting. */
export type AmountLocale = 'zh-CN' | 'en'

/** Longer input is not an amount (and would make the patterns below slow). */
const MAX_INPUT_LENGTH = 64

const CURRENCY_PREFIX = /^(?:[¥￥]|rmb|cny)\s*/i
const CURRENCY_SUFFIX = /\s*(?:元整?|圆整?|块钱?|rmb|cny|yuan)$/i
const SIGN = /^[-\u2212]\s*/
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/

/**
 * Parses an amount in yuan typed by the user into integer fen.
 *
 * Accepts `120`, `120.5`, `120.50`, `¥120.50`, `￥120`, `120元`, `1,200.00`, full-width digits
 * (`１２０`). Trailing zero decimals are fine (`120.500`). The conversion uses string
 * arithmetic and BigInt, never floating point.
 *
 * @returns the amount in fen, e.g. `'120.5'` → `12050`.
 */
export function parseAmountYuan(input: string): ParseAmountResult {
  let text = toHalfWidth(input).trim()
  if (text === '') return { ok: false, error: 'EMPTY' }
  if (text.length > MAX_INPUT_LENGTH) return { ok: false, error: 'NOT_A_NUMBER' }

  let negative = false
  const stripSign = (): void => {
    if (SIGN.test(text)) {
      negative = true
      text = text.replace(SIGN, '')
    }
  }
  stripSign()
  text = text.replace(CURRENCY_PREFIX, '')
  stripSign()
  text = text.replace(CURRENCY_SUFFIX, '').trim()

  const match = NUMBER.exec(text)
  const integerPart = match?.[1]?.replace(/,/g, '') ?? ''
  const fractionPart = match?.[2] ?? ''
  if (!match || integerPart + fractionPart === '') return { ok: false, error: 'NOT_A_NUMBER' }
  if (negative) return { ok: false, error: 'NEGATIVE' }

  const significantFraction = fractionPart.replace(/0+$/, '')
  if (significantFraction.length > 2) return { ok: false, error: 'TOO_MANY_DECIMALS' }

  const fen = BigInt(integerPart || '0') * 100n + BigInt(significantFraction.padEnd(2, '0'))
  if (fen === 0n) return { ok: false, error: 'ZERO' }
  if (fen > BigInt(MAX_AMOUNT_FEN)) return { ok: false, error: 'TOO_LARGE', limitFen: MAX_AMOUNT_FEN }
  return { ok: true, value: Number(fen) }
}

/**
 * Formats integer fen as yuan with a currency sign, thousands separators and two decimals,
 * e.g. `12050` → `¥120.50`, `120000` → `¥1,200.00`. Both supported locales currently use the
 * same notation.
 *
 * @throws RangeError if `fen` is not a non-negative safe integer.
 */
export function formatFen(fen: number, locale: AmountLocale): string {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`formatFen: expected a non-negative integer number of fen, got ${fen}`)
  }
  void locale
  const digits = String(fen).padStart(3, '0')
  const yuan = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `¥${yuan}.${digits.slice(-2)}`
}
