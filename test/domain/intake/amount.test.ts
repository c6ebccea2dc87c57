import { describe, expect, it } from 'vitest'
import { formatFen, MAX_AMOUNT_FEN, parseAmountYuan } from '../../../src/domain/intake/amount.ts'

describe('parseAmountYuan', () => {
  it.each([
    ['120', 12000],
    ['120.5', 12050],
    ['120.50', 12050],
    ['120.', 12000],
    ['.5', 50],
    ['0.01', 1],
    ['¥120.50', 12050],
    ['￥120', 12000],
    ['¥ 120', 12000],
    ['120元', 12000],
    ['120 元', 12000],
    ['120块', 12000],
    ['RMB 99.9', 9990],
    ['1,200.00', 120000],
    ['12,345,678.90', 1234567890],
    ['１２０', 12000],
    ['１２０．５０', 12050],
    ['120.500', 12050],
    ['0120', 12000],
    ['100000000', MAX_AMOUNT_FEN],
  ])('parses %j as %i fen', (input, fen) => {
    expect(parseAmountYuan(input)).toEqual({ ok: true, value: fen })
  })

  it('converts without floating-point error', () => {
    expect(parseAmountYuan('0.29')).toEqual({ ok: true, value: 29 })
    expect(parseAmountYuan('1.15')).toEqual({ ok: true, value: 115 })
    expect(parseAmountYuan('99999999.99')).toEqual({ ok: true, value: 9_999_999_999 })
  })

  it('rejects blank input with EMPTY', () => {
    expect(parseAmountYuan(' ')).toEqual({ ok: false, error: 'EMPTY' })
  })

  it.each(['abc', '12a', '1.2.3', '1,20', '12,00.00', '.', '¥', '一百', '1e5', '+5'])(
    'rejects %j with NOT_A_NUMBER',
    (input) => expect(parseAmountYuan(input)).toEqual({ ok: false, error: 'NOT_A_NUMBER' }),
  )

  it.each(['-5', '-¥5', '¥-5', '−5', '-0.5元'])('rejects %j with NEGATIVE', (input) => {
    expect(parseAmountYuan(input)).toEqual({ ok: false, error: 'NEGATIVE' })
  })

  it.each(['0.001', '1.234', '120.505'])('rejects %j with TOO_MANY_DECIMALS', (input) => {
    expect(parseAmountYuan(input)).toEqual({ ok: false, error: 'TOO_MANY_DECIMALS' })
  })

  it.each(['0', '0.00', '¥0', '0元'])('rejects %j with ZERO so the bot can suggest skipping', (input) => {
    expect(parseAmountYuan(input)).toEqual({ ok: false, error: 'ZERO' })
  })

  it('rejects more than 100,000,000 yuan with TOO_LARGE and the limit', () => {
    expect(parseAmountYuan('100000000.01')).toEqual({ ok: false, error: 'TOO_LARGE', limitFen: MAX_AMOUNT_FEN })
    expect(parseAmountYuan('9'.repeat(40))).toEqual({ ok: false, error: 'TOO_LARGE', limitFen: MAX_AMOUNT_FEN })
  })
})

describe('formatFen', () => {
  it.each([
    [12050, '¥120.50'],
    [0, '¥0.00'],
    [1, '¥0.01'],
    [99, '¥0.99'],
    [120000, '¥1,200.00'],
    [MAX_AMOUNT_FEN, '¥100,000,000.00'],
  ])('formats %i fen as %s', (fen, text) => {
    expect(formatFen(fen, 'zh-CN')).toBe(text)
    expect(formatFen(fen, 'en')).toBe(text)
  })

  it('round-trips with parseAmountYuan', () => {
    expect(parseAmountYuan(formatFen(123456789, 'en'))).toEqual({ ok: true, value: 123456789 })
  })

  it('throws on negative or fractional fen', () => {
    expect(() => formatFen(-1, 'en')).toThrow(RangeError)
    expect(() => formatFen(1.5, 'en')).toThrow(RangeError)
  })
})

describe('parseAmountYuan: long input', () => {
  it('rejects pasted text over 64 characters quickly with NOT_A_NUMBER', () => {
    const started = performance.now()
    expect(parseAmountYuan(`1${' '.repeat(50_000)}x`)).toEqual({ ok: false, error: 'NOT_A_NUMBER' })
    expect(performance.now() - started).toBeLessThan(100)
  })
})
