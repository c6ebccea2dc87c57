/**
 * Free-text answers of the intake dialogue: cleaning and length limits.
 *
 * Lengths are counted in Unicode code points after cleaning and trimming, so an emoji such as
 * 😀 counts as one character and a CJK character as one.
 */

/** Inclusive length limits in code points. */
export interface TextLimits {
  readonly min: number
  readonly max: number
}

/** Limits of each free-text question, so the bot can state them up front. */
export const TEXT_LIMITS = {
  facts: { min: 10, max: 2000 },
  businessName: { min: 2, max: 100 },
  address: { min: 2, max: 200 },
  personName: { min: 1, max: 50 },
  platformName: { min: 2, max: 50 },
  violation: { min: 5, max: 1000 },
  question: { min: 5, max: 2000 },
  otherDemand: { min: 2, max: 200 },
} as const satisfies Record<string, TextLimits>

/** Stable error codes of the text validators. */
export const TEXT_ANSWER_ERROR_CODES = [
  /** Shorter than `limit` (the minimum); `length` is what the user wrote. Empty input too. */
  'TOO_SHORT',
  /** Longer than `limit` (the maximum); `length` is what the user wrote. */
  'TOO_LONG',
  /** A person's name without any letter (digits or punctuation only). */
  'NO_LETTERS',
  /** Only invisible characters (zero-width spaces, fillers…): nothing a reader could see. */
  'INVISIBLE_ONLY',
] as const

export type TextAnswerErrorCode = (typeof TEXT_ANSWER_ERROR_CODES)[number]

export type TextAnswerResult =
  | { ok: true; value: string; length: number }
  | { ok: false; error: 'TOO_SHORT' | 'TOO_LONG'; limit: number; length: number }
  | { ok: false; error: 'NO_LETTERS' | 'INVISIBLE_ONLY'; length: number }

export interface CleanTextOptions {
  /** Keep line breaks (facts, questions). Otherwise all whitespace runs become one space. */
  multiline: boolean
}

const CONTROL_EXCEPT_NEWLINE = /(?!\n)\p{Cc}/gu
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g
// Format characters (zero-width space, word joiner, BOM, soft hyphen, tags…) render as nothing; a zero-width
// joiner is kept only inside an emoji sequence (👨‍👩‍👧), where it is part of what the reader sees.
const INVISIBLE_FORMAT =
  /(?![\u200D])\p{Cf}|(?<!\p{Extended_Pictographic}|\u{FE0F}|\p{Emoji_Modifier})\u200D|\u200D(?!\p{Extended_Pictographic})/gu
// Letters and symbols that are drawn blank (Hangul fillers, the braille blank): read as spaces.
const BLANK_LOOKING = /[\u115F\u1160\u3164\uFFA0\u2800]/g

/**
 * Cleans user text: normalizes line breaks to `\n`, turns tabs and blank-looking characters into
 * spaces, strips control characters other than `\n`, bidirectional-override and other invisible
 * format characters (zero-width space, BOM, soft hyphen…), and trims. Single-line text also has
 * every whitespace run (line breaks included) collapsed to one space.
 */
export function cleanText(input: string, options: CleanTextOptions): string {
  let text = input
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL_EXCEPT_NEWLINE, '')
    .replace(BIDI_CONTROLS, '')
    .replace(INVISIBLE_FORMAT, '')
    .replace(BLANK_LOOKING, ' ')
  if (!options.multiline) text = text.replace(/\s+/g, ' ')
  return text.trim()
}

function hasInvisible(input: string): boolean {
  return input.replace(INVISIBLE_FORMAT, '').replace(BLANK_LOOKING, '') !== input
}

/** Number of Unicode code points (an emoji outside the BMP counts as 1). */
export function countCharacters(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/**
 * Cleans `input` and checks its length against `limits`.
 *
 * @returns the cleaned text and its length, or `TOO_SHORT` / `TOO_LONG` with the violated
 *   limit and the actual length ("you wrote 2,345 of at most 2,000 characters"), or
 *   `INVISIBLE_ONLY` when the input had characters but none of them visible.
 */
export function validateTextAnswer(input: string, limits: TextLimits, options: CleanTextOptions): TextAnswerResult {
  const value = cleanText(input, options)
  const length = countCharacters(value)
  if (length === 0 && hasInvisible(input)) return { ok: false, error: 'INVISIBLE_ONLY', length }
  if (length < limits.min) return { ok: false, error: 'TOO_SHORT', limit: limits.min, length }
  if (length > limits.max) return { ok: false, error: 'TOO_LONG', limit: limits.max, length }
  return { ok: true, value, length }
}

/** Complaint facts (争议事实): time, place, item, problem; 10–2000 characters, multi-line. */
export function validateFacts(input: string): TextAnswerResult {
  return validateTextAnswer(input, TEXT_LIMITS.facts, { multiline: true })
}

/** Name of the business complained about or reported; 2–100 characters. */
export function validateBusinessName(input: string): TextAnswerResult {
  return validateTextAnswer(input, TEXT_LIMITS.businessName, { multiline: false })
}

/** A postal address (complainant's or business's); 2–200 characters. */
export function validateAddress(input: string): TextAnswerResult {
  return validateTextAnswer(input, TEXT_LIMITS.address, { multiline: false })
}

/** A person's name; 1–50 characters with at least one letter (`NO_LETTERS` otherwise). */
export function validatePersonName(input: string): TextAnswerResult {
  const result = validateTextAnswer(input, TEXT_LIMITS.personName, { multiline: false })
  if (result.ok && !/\p{L}/u.test(result.value)) {
    return { ok: false, error: 'NO_LETTERS', length: result.length }
  }
  return result
}

const HAN_AT_END = /\p{Script=Han}$/u
const HAN_AT_START = /^\p{Script=Han}/u

/**
 * A full name from the two parts Telegram keeps (first and last name), as it is written: Chinese
 * names without a space (`王` + `小明` → `王小明`), Latin ones with one (`Anna` + `Li` → `Anna Li`).
 */
export function joinNameParts(first: string, last?: string): string {
  const a = first.trim()
  const b = (last ?? '').trim()
  if (!a || !b) return a || b
  return HAN_AT_END.test(a) && HAN_AT_START.test(b) ? `${a}${b}` : `${a} ${b}`
}

/** Name of an online platform (淘宝, 美团 …); 2–50 characters. */
export function validatePlatformName(input: string): TextAnswerResult {
  return validateTextAnswer(input, TEXT_LIMITS.platformName, { multiline: false })
}

/** Report (举报): what rule the business broke; 5–1000 characters, multi-line. */
export function validateViolation(input: string): TextAnswerResult {
  return validateTextAnswer(input, TEXT_LIMITS.violation, { multiline: true })
}

/** Inquiry (咨询): the question; 5–2000 characters, multi-line. */
export function validateQuestion(input: string): TextAnswerResult {
  return validateTextAnswer(input, TEXT_LIMITS.question, { multiline: true })
}

/** Free-text description of the `OTHER` demand; 2–200 characters. */
export function validateOtherDemand(input: string): TextAnswerResult {
  return validateTextAnswer(input, TEXT_LIMITS.otherDemand, { multiline: false })
}
