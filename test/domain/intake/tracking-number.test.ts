import { describe, expect, it } from 'vitest'
import {
  DEFAULT_TRACKING_PREFIX,
  formatTrackingNumber,
  parseTrackingNumber,
  validateTrackingPrefix,
} from '../../../src/domain/intake/tracking-number.ts'

describe('formatTrackingNumber', () => {
  it('formats prefix, compact date and a 4-digit sequence', () => {
    expect(formatTrackingNumber('MS', '2026-11-28', 42)).toBe('MS-20261128-0042')
    expect(formatTrackingNumber('MS', '2026-11-28', 1)).toBe('MS-20261128-0001')
    expect(formatTrackingNumber('CDSX', '2026-01-05', 9999)).toBe('CDSX-20260105-9999')
  })

  it('grows beyond 9999 without breaking', () => {
    expect(formatTrackingNumber('MS', '2026-11-28', 10000)).toBe('MS-20261128-10000')
    expect(formatTrackingNumber('MS', '2026-11-28', 123456)).toBe('MS-20261128-123456')
  })

  it('throws on invalid arguments', () => {
    expect(() => formatTrackingNumber('ms', '2026-11-28', 1)).toThrow(RangeError)
    expect(() => formatTrackingNumber('MS', '2026-02-30', 1)).toThrow(RangeError)
    expect(() => formatTrackingNumber('MS', '2026-11-28', 0)).toThrow(RangeError)
    expect(() => formatTrackingNumber('MS', '2026-11-28', 1.5)).toThrow(RangeError)
  })
})

describe('parseTrackingNumber', () => {
  const expected = {
    ok: true,
    value: { prefix: 'MS', date: '2026-11-28', sequence: 42, canonical: 'MS-20261128-0042' },
  }

  it.each([
    'MS-20261128-0042',
    'ms-20261128-0042',
    ' Ms - 20261128 - 0042 ',
    'MS 2026 1128 0042',
    'MS202611280042',
    'MS_20261128_0042',
    'ＭＳ－２０２６１１２８－００４２',
    '工单号：MS-20261128-0042',
    'my ticket is MS-20261128-0042, thanks',
    'MS–20261128–0042',
  ])('parses %j', (input) => {
    expect(parseTrackingNumber(input)).toEqual(expected)
  })

  it('parses sequences beyond 9999 and round-trips with formatTrackingNumber', () => {
    const text = formatTrackingNumber('MS', '2026-11-28', 12345)
    expect(parseTrackingNumber(text)).toEqual({
      ok: true,
      value: { prefix: 'MS', date: '2026-11-28', sequence: 12345, canonical: text },
    })
  })

  it('rejects blank input with EMPTY', () => {
    expect(parseTrackingNumber('  ')).toEqual({ ok: false, error: 'EMPTY' })
  })

  it.each(['hello', 'MS-2026112-0042', 'M-20261128-0042', 'ABCDE-20261128-0042', 'MS-20261128-042'])(
    'rejects %j with NOT_FOUND',
    (input) => expect(parseTrackingNumber(input)).toEqual({ ok: false, error: 'NOT_FOUND' }),
  )

  it('rejects an impossible date with INVALID_DATE', () => {
    expect(parseTrackingNumber('MS-20261340-0001')).toEqual({ ok: false, error: 'INVALID_DATE' })
    expect(parseTrackingNumber('MS-20260229-0001')).toEqual({ ok: false, error: 'INVALID_DATE' })
  })

  it('rejects sequence zero with INVALID_SEQUENCE', () => {
    expect(parseTrackingNumber('MS-20261128-0000')).toEqual({ ok: false, error: 'INVALID_SEQUENCE' })
  })
})

describe('validateTrackingPrefix', () => {
  it('defaults to MS for Meishan', () => {
    expect(validateTrackingPrefix(DEFAULT_TRACKING_PREFIX)).toEqual({ ok: true, value: 'MS' })
  })

  it('accepts 2–4 uppercase letters', () => {
    expect(validateTrackingPrefix('ABCD')).toEqual({ ok: true, value: 'ABCD' })
    expect(validateTrackingPrefix(' DP ')).toEqual({ ok: true, value: 'DP' })
  })

  it.each(['M', 'ABCDE', 'ms', 'M1', 'M-S', '眉山', ''])('rejects %j with INVALID_PREFIX', (prefix) => {
    expect(validateTrackingPrefix(prefix)).toEqual({ ok: false, error: 'INVALID_PREFIX' })
  })
})
