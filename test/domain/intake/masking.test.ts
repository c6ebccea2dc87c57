import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone } from '../../../src/domain/intake/masking.ts'

function visibleDigits(masked: string): number {
  return masked.replace(/\D/g, '').length
}

describe('maskPhone', () => {
  it('shows only the last 4 digits of a mobile, whatever its notation', () => {
    for (const phone of ['+8613812345678', '13812345678', '8613812345678', '+86 138-1234-5678']) {
      expect(maskPhone(phone)).toBe('*******5678')
    }
  })

  it('masks the area code and extension of a landline', () => {
    expect(maskPhone('028-87654321')).toBe('***-****4321')
    expect(maskPhone('0833-2345678转123')).toBe('****-***5678转***')
  })

  it('masks unparseable input, keeping at most 4 digits and only of long numbers', () => {
    expect(maskPhone('+1 415 555 2671')).toBe('*******2671')
    expect(maskPhone('95588')).toBe('*****')
    expect(maskPhone('no phone')).toBe('***')
  })

  it('never leaves more than 4 digits visible', () => {
    for (const phone of ['+8613812345678', '010-62345678转12345', '+44 7911 123456', '00861234567890123', '1234567']) {
      expect(visibleDigits(maskPhone(phone))).toBeLessThanOrEqual(4)
    }
  })
})

describe('maskName', () => {
  it('keeps the first character of a Chinese name', () => {
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳修')).toBe('欧**')
  })

  it('keeps the first letter of each part of a Latin name', () => {
    expect(maskName('John Smith')).toBe('J*** S****')
    expect(maskName(' Mary  Ann ')).toBe('M***  A**')
  })

  it('masks each part of a name with a middle dot', () => {
    expect(maskName('买买提·艾力')).toBe('买**·艾*')
  })

  it('fully masks a one-character name and handles surrogate pairs', () => {
    expect(maskName('张')).toBe('*')
    expect(maskName('𠀋三')).toBe('𠀋*')
    expect(maskName('')).toBe('')
  })
})

describe('maskIdNumber', () => {
  it('keeps only the first and last character of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X')
    expect(maskIdNumber('110105 19491231 002X')).toBe('1****************X')
    expect(maskIdNumber('E12345678')).toBe('E*******8')
  })

  it('fully masks short values', () => {
    expect(maskIdNumber('12345')).toBe('*****')
  })
})
