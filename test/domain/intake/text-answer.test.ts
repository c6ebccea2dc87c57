import { describe, expect, it } from 'vitest'
import {
  cleanText,
  countCharacters,
  joinNameParts,
  TEXT_LIMITS,
  validateAddress,
  validateBusinessName,
  validateFacts,
  validateOtherDemand,
  validatePersonName,
  validatePlatformName,
  validateQuestion,
  validateViolation,
} from '../../../src/domain/intake/text-answer.ts'

describe('countCharacters', () => {
  it('counts an emoji as one character', () => {
    expect(countCharacters('😀')).toBe(1)
    expect(countCharacters('好😀a')).toBe(3)
  })
})

describe('cleanText', () => {
  it('keeps newlines in multi-line text and strips other control characters', () => {
    expect(cleanText(' a\r\nb\u0000c\u0007\rd\u202Ee ', { multiline: true })).toBe('a\nbc\nde')
  })

  it('turns tabs into spaces', () => {
    expect(cleanText('a\tb', { multiline: true })).toBe('a b')
  })

  it('collapses whitespace and newlines in single-line text', () => {
    expect(cleanText('  眉山市\n东坡区   苏祠路 ', { multiline: false })).toBe('眉山市 东坡区 苏祠路')
  })
})

describe('validateFacts', () => {
  it('accepts 10 to 2000 characters and returns trimmed text and its length', () => {
    expect(validateFacts('  买的牛奶过期了三天，要求退款  ')).toEqual({
      ok: true,
      value: '买的牛奶过期了三天，要求退款',
      length: 14,
    })
    expect(validateFacts('x'.repeat(2000))).toMatchObject({ ok: true, length: 2000 })
  })

  it('rejects fewer than 10 characters with TOO_SHORT, the limit and the length', () => {
    expect(validateFacts('坏了')).toEqual({ ok: false, error: 'TOO_SHORT', limit: 10, length: 2 })
    expect(validateFacts('')).toEqual({ ok: false, error: 'TOO_SHORT', limit: 10, length: 0 })
  })

  it('does not count surrounding whitespace or control characters', () => {
    expect(validateFacts(`   ${'\u0001'.repeat(20)}abc   `)).toEqual({
      ok: false,
      error: 'TOO_SHORT',
      limit: 10,
      length: 3,
    })
  })

  it('counts emoji as one character each', () => {
    expect(validateFacts('😀'.repeat(9))).toEqual({ ok: false, error: 'TOO_SHORT', limit: 10, length: 9 })
    expect(validateFacts('😀'.repeat(10))).toMatchObject({ ok: true, length: 10 })
    expect(validateFacts('😀'.repeat(2001))).toEqual({ ok: false, error: 'TOO_LONG', limit: 2000, length: 2001 })
  })

  it('rejects a 50,000-character message with TOO_LONG and the actual length', () => {
    expect(validateFacts('投'.repeat(50_000))).toEqual({ ok: false, error: 'TOO_LONG', limit: 2000, length: 50_000 })
  })

  it('keeps line breaks', () => {
    expect(validateFacts('第一行内容很长\n第二行内容')).toMatchObject({ ok: true, value: '第一行内容很长\n第二行内容' })
  })
})

describe('single-field validators', () => {
  it.each([
    ['validateBusinessName', validateBusinessName, TEXT_LIMITS.businessName],
    ['validateAddress', validateAddress, TEXT_LIMITS.address],
    ['validatePersonName', validatePersonName, TEXT_LIMITS.personName],
    ['validatePlatformName', validatePlatformName, TEXT_LIMITS.platformName],
    ['validateViolation', validateViolation, TEXT_LIMITS.violation],
    ['validateQuestion', validateQuestion, TEXT_LIMITS.question],
    ['validateOtherDemand', validateOtherDemand, TEXT_LIMITS.otherDemand],
  ] as const)('%s enforces its limits', (_name, validate, { min, max }) => {
    expect(validate('字'.repeat(min))).toMatchObject({ ok: true, length: min })
    expect(validate('字'.repeat(max))).toMatchObject({ ok: true, length: max })
    expect(validate('字'.repeat(max + 1))).toEqual({ ok: false, error: 'TOO_LONG', limit: max, length: max + 1 })
    expect(validate('字'.repeat(min - 1))).toEqual({ ok: false, error: 'TOO_SHORT', limit: min, length: min - 1 })
  })

  it('uses the documented limits', () => {
    expect(TEXT_LIMITS).toEqual({
      facts: { min: 10, max: 2000 },
      businessName: { min: 2, max: 100 },
      address: { min: 2, max: 200 },
      personName: { min: 1, max: 50 },
      platformName: { min: 2, max: 50 },
      violation: { min: 5, max: 1000 },
      question: { min: 5, max: 2000 },
      otherDemand: { min: 2, max: 200 },
    })
  })

  it('makes names single-line', () => {
    expect(validateBusinessName('眉山\n某某超市')).toMatchObject({ ok: true, value: '眉山 某某超市' })
  })
})

describe('validatePersonName', () => {
  it('accepts Chinese, Latin and one-character names', () => {
    expect(validatePersonName('张三')).toMatchObject({ ok: true, value: '张三' })
    expect(validatePersonName('John Smith')).toMatchObject({ ok: true })
    expect(validatePersonName('买买提·艾力')).toMatchObject({ ok: true })
  })

  it('rejects digits or punctuation only with NO_LETTERS', () => {
    expect(validatePersonName('13812345678')).toEqual({ ok: false, error: 'NO_LETTERS', length: 11 })
    expect(validatePersonName('123 456')).toEqual({ ok: false, error: 'NO_LETTERS', length: 7 })
    expect(validatePersonName('...')).toEqual({ ok: false, error: 'NO_LETTERS', length: 3 })
  })

  it('checks length before letters', () => {
    expect(validatePersonName('  ')).toEqual({ ok: false, error: 'TOO_SHORT', limit: 1, length: 0 })
  })
})

describe('invisible characters', () => {
  const invisible = ['\u200B\u200B\u200B', '\u200C\u2060\uFEFF', '\u3164\u3164', '\u2800 \u200B', '\u00AD\u200D\u200D']

  it.each(invisible)('refuses %j as a business name, an address and a name with INVISIBLE_ONLY', (input) => {
    const refused = { ok: false, error: 'INVISIBLE_ONLY', length: 0 }
    expect(validateBusinessName(input)).toEqual(refused)
    expect(validateAddress(input)).toEqual(refused)
    expect(validatePersonName(input)).toEqual(refused)
    expect(validateFacts(input)).toEqual(refused)
  })

  it('does not count zero-width characters towards the minimum', () => {
    expect(validateBusinessName('a\u200B')).toEqual({ ok: false, error: 'TOO_SHORT', limit: 2, length: 1 })
    expect(validateBusinessName('好\u200B又\uFEFF多')).toEqual({ ok: true, value: '好又多', length: 3 })
  })

  it('keeps the joiner inside an emoji sequence', () => {
    expect(cleanText('👨\u200D👩\u200D👧 店', { multiline: false })).toBe('👨\u200D👩\u200D👧 店')
  })
})

describe('joinNameParts', () => {
  it('writes a Chinese name without a space and a Latin one with it', () => {
    expect(joinNameParts('王', '小明')).toBe('王小明')
    expect(joinNameParts('Anna', 'Li')).toBe('Anna Li')
    expect(joinNameParts('小明', 'Wang')).toBe('小明 Wang')
    expect(joinNameParts(' 王 ', undefined)).toBe('王')
  })
})
