import { describe, expect, it } from 'vitest'
import { residentIdCheckCharacter, validateIdNumber } from '../../../src/domain/intake/identity-document.ts'
import { maskIdNumberForDisplay } from '../../../src/domain/intake/masking.ts'

const TODAY = '2026-12-02'

describe('validateIdNumber: 居民身份证', () => {
  it('accepts a number whose check character matches (ISO 7064 MOD 11-2), an X in either case, spaces ignored', () => {
    expect(validateIdNumber('RESIDENT_ID', '11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
    })
    expect(validateIdNumber('RESIDENT_ID', '110105 19491231 002x', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
    })
    expect(validateIdNumber('RESIDENT_ID', '511402199001011235', TODAY)).toEqual({
      ok: true,
      value: '511402199001011235',
    })
  })

  it('refuses a wrong check character', () => {
    expect(validateIdNumber('RESIDENT_ID', '511402199001011234', TODAY)).toEqual({ ok: false, error: 'CHECK_DIGIT' })
    expect(validateIdNumber('RESIDENT_ID', '110105194912310021', TODAY)).toEqual({ ok: false, error: 'CHECK_DIGIT' })
  })

  it('computes the check character of the GB 11643 examples', () => {
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X')
    expect(residentIdCheckCharacter('44052418800101001')).toBe('4')
  })

  it('refuses an impossible, future or pre-1900 birth date', () => {
    const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17)
    expect(validateIdNumber('RESIDENT_ID', withCheck('51140219900230123'), TODAY)).toEqual({
      ok: false,
      error: 'BIRTH_DATE',
    })
    expect(validateIdNumber('RESIDENT_ID', withCheck('51140220270101123'), TODAY)).toEqual({
      ok: false,
      error: 'BIRTH_DATE',
    })
    expect(validateIdNumber('RESIDENT_ID', withCheck('51140218991231123'), TODAY)).toEqual({
      ok: false,
      error: 'BIRTH_DATE',
    })
  })

  it('refuses a number whose first two digits are no province (its check character right)', () => {
    const withCheck = (first17: string) => first17 + residentIdCheckCharacter(first17)
    for (const region of ['99', '00', '10', '20', '80'])
      expect(validateIdNumber('RESIDENT_ID', withCheck(`${region}140219900307123`), TODAY)).toEqual({
        ok: false,
        error: 'REGION',
      })
    for (const region of ['65', '71', '81', '83'])
      expect(validateIdNumber('RESIDENT_ID', withCheck(`${region}140219900307123`), TODAY)).toMatchObject({ ok: true })
  })

  it('refuses the wrong length or letters other than a final X, and empty input', () => {
    expect(validateIdNumber('RESIDENT_ID', '51140219900101123', TODAY)).toEqual({ ok: false, error: 'FORMAT' })
    expect(validateIdNumber('RESIDENT_ID', '5114021990010112A5', TODAY)).toEqual({ ok: false, error: 'FORMAT' })
    expect(validateIdNumber('RESIDENT_ID', '   ', TODAY)).toEqual({ ok: false, error: 'EMPTY' })
  })
})

describe('validateIdNumber: other documents, by pattern', () => {
  it.each([
    ['HK_MACAO_PERMIT', 'H12345678', 'h1234567'],
    ['TAIWAN_PERMIT', '12345678', '1234567A'],
    ['PASSPORT', 'E12345678', 'E1'],
    ['FOREIGN_PERMANENT_RESIDENT', 'USA110012345678', 'US11001234567'],
    ['OTHER', 'AB-1234', '!!'],
  ] as const)('%s: accepts %s, refuses %s', (type, good, bad) => {
    expect(validateIdNumber(type, good, TODAY)).toEqual({ ok: true, value: good })
    expect(validateIdNumber(type, bad, TODAY)).toEqual({ ok: false, error: 'FORMAT' })
  })
})

describe('maskIdNumberForDisplay', () => {
  it('keeps the first and last 4 characters of a long number, fewer of a short one, and the length', () => {
    expect(maskIdNumberForDisplay('51140219900101123X')).toBe('5114**********123X')
    expect(maskIdNumberForDisplay('E12345678')).toBe('E******78')
    expect(maskIdNumberForDisplay('1234')).toBe('****')
  })
})
