/**
 * Masking of personal information (PIPL) for logs and for staff who may not see full data.
 */
import { parseContactPhone } from './phone.ts'

const VISIBLE_PHONE_DIGITS = 4

/**
 * Masks a phone number so that at most its last 4 digits stay visible. The country code and the
 * landline area code are masked as well.
 *
 * @example maskPhone('+8613812345678') === '*******5678'
 * @example maskPhone('028-12345678转123') === '***-****5678转***'
 * Input that is not a valid mainland number: only digits are output, masked; the last 4 are
 * kept only if there are at least 8 digits.
 */
export function maskPhone(phone: string): string {
  const parsed = parseContactPhone(phone)
  if (parsed.ok && parsed.value.kind === 'mobile') return maskDigits(parsed.value.national)
  if (parsed.ok && parsed.value.kind === 'landline') {
    const { areaCode, localNumber, extension } = parsed.value
    const ext = extension === null ? '' : `转${'*'.repeat(extension.length)}`
    return `${'*'.repeat(areaCode.length)}-${maskDigits(localNumber)}${ext}`
  }
  const digits = phone.replace(/\D/g, '')
  if (digits.length === 0) return '***'
  return digits.length >= 8 ? maskDigits(digits) : '*'.repeat(digits.length)
}

function maskDigits(digits: string): string {
  const visible = Math.min(VISIBLE_PHONE_DIGITS, digits.length)
  return '*'.repeat(digits.length - visible) + digits.slice(digits.length - visible)
}

/**
 * Masks a person's name, keeping the first character of each part.
 *
 * @example maskName('张三丰') === '张**'
 * @example maskName('John Smith') === 'J*** S****'
 * @example maskName('买买提·艾力') === '买**·艾*'
 * A one-character name is fully masked (`'*'`).
 */
export function maskName(name: string): string {
  const trimmed = name.trim()
  if ([...trimmed].length === 1) return '*'
  return trimmed
    .split(/(\s+|[·•・.-])/)
    .map((part, index) => (index % 2 === 1 ? part : maskWord(part)))
    .join('')
}

function maskWord(word: string): string {
  const chars = [...word]
  const first = chars[0]
  return first === undefined ? '' : first + '*'.repeat(chars.length - 1)
}

/**
 * Masks an identity-document number (居民身份证 or other), keeping only the first and the last
 * character; the length is preserved. Shorter than 6 characters: fully masked.
 *
 * @example maskIdNumber('11010519491231002X') === '1****************X'
 */
export function maskIdNumber(idNumber: string): string {
  const chars = [...idNumber.replace(/\s+/g, '')]
  if (chars.length < 6) return '*'.repeat(chars.length)
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`
}

/**
 * An identity-document number as the people who may not see it in full read it: its first 4 and last 4 characters
 * for a long number (`5114**********123X`), the first and the last 2 for a short one; the length is preserved.
 */
export function maskIdNumberForDisplay(idNumber: string): string {
  const chars = [...idNumber.replace(/\s+/g, '')]
  const [head, tail] = chars.length >= 15 ? [4, 4] : chars.length >= 6 ? [1, 2] : [0, 0]
  return (
    chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('')
  )
}
