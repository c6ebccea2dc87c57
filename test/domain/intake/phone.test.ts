import { describe, expect, it } from 'vitest'
import { type PhoneErrorCode, parseContactPhone } from '../../../src/domain/intake/phone.ts'

function expectMobile(input: string, canonical: string): void {
  expect(parseContactPhone(input)).toEqual({
    ok: true,
    value: { kind: 'mobile', canonical, national: canonical.slice(3) },
  })
}

function expectError(input: string, error: PhoneErrorCode, source?: 'telegram_contact'): void {
  expect(parseContactPhone(input, source ? { source } : {})).toEqual({ ok: false, error })
}

describe('parseContactPhone: mobiles', () => {
  it.each([
    '13812345678',
    '+8613812345678',
    '8613812345678',
    '008613812345678',
    '+86 138 1234 5678',
    '(+86) 138-1234-5678',
    '138.1234.5678',
    '  13812345678  ',
    '１３８１２３４５６７８',
    '＋８６　１３８－１２３４－５６７８',
    '013812345678',
  ])('normalizes %j to +8613812345678', (input) => {
    expectMobile(input, '+8613812345678')
  })

  it('accepts every 1[3-9] prefix', () => {
    for (const second of '3456789') expectMobile(`1${second}012345678`, `+861${second}012345678`)
  })

  it('rejects 10 and 12 digits with MOBILE_LENGTH', () => {
    expectError('1381234567', 'MOBILE_LENGTH')
    expectError('138123456789', 'MOBILE_LENGTH')
    expectError('+86 1381234567', 'MOBILE_LENGTH')
  })

  it('rejects an 11-digit number starting 10/11/12 with MOBILE_PREFIX', () => {
    expectError('12812345678', 'MOBILE_PREFIX')
    expectError('11812345678', 'MOBILE_PREFIX')
  })

  it('rejects a mobile with an extension as UNKNOWN_FORMAT', () => {
    expectError('13812345678 转 12', 'UNKNOWN_FORMAT')
  })
})

describe('parseContactPhone: Telegram shared contacts', () => {
  it('accepts 86… and +86… in contact mode', () => {
    const expected = { ok: true, value: { kind: 'mobile', canonical: '+8613812345678', national: '13812345678' } }
    expect(parseContactPhone('8613812345678', { source: 'telegram_contact' })).toEqual(expected)
    expect(parseContactPhone('+8613812345678', { source: 'telegram_contact' })).toEqual(expected)
  })

  it('rejects foreign numbers with NOT_MAINLAND', () => {
    expectError('14155552671', 'NOT_MAINLAND', 'telegram_contact')
    expectError('447911123456', 'NOT_MAINLAND', 'telegram_contact')
    expectError('85291234567', 'NOT_MAINLAND', 'telegram_contact')
  })
})

describe('parseContactPhone: foreign numbers', () => {
  it.each(['+1 415 555 2671', '+44 7911 123456', '+852 9123 4567', '+886 912 345 678', '001 415 555 2671'])(
    'rejects %j with NOT_MAINLAND',
    (input) => expectError(input, 'NOT_MAINLAND'),
  )
})

describe('parseContactPhone: landlines', () => {
  it.each([
    ['010-62345678', '010-62345678', '010', '62345678', null],
    ['(028) 8765 4321', '028-87654321', '028', '87654321', null],
    ['0833-2345678', '0833-2345678', '0833', '2345678', null],
    ['08332345678', '0833-2345678', '0833', '2345678', null],
    ['+86 28 8765 4321', '028-87654321', '028', '87654321', null],
    ['+86 10 62345678', '010-62345678', '010', '62345678', null],
    ['+86 (0)28 8765 4321', '028-87654321', '028', '87654321', null],
    ['028-87654321转123', '028-87654321转123', '028', '87654321', '123'],
    ['028-87654321 ext. 45', '028-87654321转45', '028', '87654321', '45'],
    ['028 87654321 分机 6', '028-87654321转6', '028', '87654321', '6'],
    ['028-87654321-123', '028-87654321转123', '028', '87654321', '123'],
    ['0833-2345678转8', '0833-2345678转8', '0833', '2345678', '8'],
  ])('parses %j as %s', (input, canonical, areaCode, localNumber, extension) => {
    expect(parseContactPhone(input)).toEqual({
      ok: true,
      value: { kind: 'landline', canonical, areaCode, localNumber, extension },
    })
  })

  it('re-parses its canonical form to the same value', () => {
    for (const input of ['028-87654321转123', '0833-2345678转8', '010-62345678']) {
      const first = parseContactPhone(input)
      if (!first.ok) throw new Error('expected ok')
      expect(parseContactPhone(first.value.canonical)).toEqual(first)
    }
  })

  it('rejects an unknown area code with LANDLINE_AREA_CODE', () => {
    expectError('011-12345678', 'LANDLINE_AREA_CODE')
    expectError('0', 'LANDLINE_AREA_CODE')
  })

  it('rejects a local number that is not 7–8 digits with LANDLINE_LENGTH', () => {
    expectError('028-123456', 'LANDLINE_LENGTH')
    expectError('028-123456789', 'LANDLINE_LENGTH')
  })

  it('rejects a local number without area code with LANDLINE_MISSING_AREA_CODE', () => {
    expectError('87654321', 'LANDLINE_MISSING_AREA_CODE')
    expectError('2345678', 'LANDLINE_MISSING_AREA_CODE')
  })

  it('rejects a malformed extension with EXTENSION_INVALID', () => {
    expectError('028-87654321转', 'EXTENSION_INVALID')
    expectError('028-87654321 ext abc', 'EXTENSION_INVALID')
    expectError('028-87654321转1234567', 'EXTENSION_INVALID')
  })

  it('says an extension after a dash is too long, not that the number is', () => {
    expectError('028-87654321-1234567', 'EXTENSION_INVALID')
    expectError('0833-8765432-12345678', 'EXTENSION_INVALID')
    expectError('028-876543219', 'LANDLINE_LENGTH')
  })
})

describe('parseContactPhone: other errors', () => {
  it('rejects blank input with EMPTY', () => {
    expectError('', 'EMPTY')
    expectError('   ', 'EMPTY')
  })

  it('rejects letters and symbols with NOT_DIGITS', () => {
    expectError('abc', 'NOT_DIGITS')
    expectError('138-1234-567a', 'NOT_DIGITS')
    expectError('138 1234 5678!', 'NOT_DIGITS')
    expectError('---', 'NOT_DIGITS')
    expectError('138+12345678', 'NOT_DIGITS')
  })

  it('rejects other digit strings with UNKNOWN_FORMAT', () => {
    expectError('95588', 'UNKNOWN_FORMAT')
    expectError('4008123123', 'UNKNOWN_FORMAT')
    expectError('+86', 'UNKNOWN_FORMAT')
    expectError('010-01234567', 'UNKNOWN_FORMAT')
    expectError('028-12345678', 'UNKNOWN_FORMAT')
  })
})

describe('parseContactPhone: long input', () => {
  it('rejects pasted text over 64 characters quickly with UNKNOWN_FORMAT', () => {
    const started = performance.now()
    expectError(`1${' '.repeat(50_000)}x`, 'UNKNOWN_FORMAT')
    expect(performance.now() - started).toBeLessThan(100)
  })
})
