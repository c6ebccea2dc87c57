import { describe, expect, it } from 'vitest'
import { RecentlyDecoded } from '../../src/services/recently-decoded.ts'

describe('the recently decoded values', () => {
  it('hands back a value only for the exact text it was decoded from', () => {
    const decoded = new RecentlyDecoded<number, { step: string }>(10)
    const value = { step: 'location' }
    decoded.set(1, '{"step":"location"}', value)
    expect(decoded.get(1, '{"step":"location"}')).toBe(value)
    expect(decoded.get(1, '{"step":"category"}')).toBeUndefined()
    expect(decoded.latest(1)).toBe(value)
  })

  it('keeps at most its limit of keys, dropping the least recently used', () => {
    const decoded = new RecentlyDecoded<number, string>(3)
    for (const key of [1, 2, 3]) decoded.set(key, `${key}`, `value ${key}`)
    expect(decoded.get(1, '1')).toBe('value 1')
    decoded.set(4, '4', 'value 4')
    expect(decoded.latest(2)).toBeUndefined()
    expect([1, 3, 4].map((key) => decoded.latest(key))).toEqual(['value 1', 'value 3', 'value 4'])
    for (let key = 5; key < 1_000; key++) decoded.set(key, `${key}`, `value ${key}`)
    expect([1, 3, 4, 996].map((key) => decoded.latest(key))).toEqual([undefined, undefined, undefined, undefined])
    expect([997, 998, 999].map((key) => decoded.latest(key))).toEqual(['value 997', 'value 998', 'value 999'])
  })
})
