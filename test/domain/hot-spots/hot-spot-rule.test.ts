import { describe, expect, it } from 'vitest'
import {
  businessKey,
  DEFAULT_HOT_SPOT_RULE,
  hotSpotPatternsOf,
  isHotSpot,
} from '../../../src/domain/hot-spots/hot-spot-rule.ts'

const complaint = {
  kind: 'COMPLAINT',
  respondentName: '老王水果店',
  areaCode: '511402002001-01',
  isOnline: false,
  categoryCode: 'FOOD_BULK',
}

describe('hot-spot patterns', () => {
  it('treat one shop typed with spaces, full-width letters or another case as one business', () => {
    expect(businessKey('ＡＢＣ 超市')).toBe(businessKey('abc超市'))
    expect(businessKey(' 老王 水果店 ')).toBe(businessKey('老王水果店'))
  })

  it('put a complaint in its business (by district) and its category in its street', () => {
    const patterns = hotSpotPatternsOf(complaint)
    expect(patterns.map((pattern) => pattern.key)).toEqual([
      'business:511402:老王水果店',
      'category-street:511402002:FOOD_BULK',
    ])
  })

  it('count an online shop by its name alone, with no street', () => {
    const patterns = hotSpotPatternsOf({ ...complaint, isOnline: true, areaCode: null })
    expect(patterns).toEqual([
      expect.objectContaining({ kind: 'BUSINESS', key: 'business:online:老王水果店', districtCode: null }),
    ])
  })

  it('leave inquiries out', () => {
    expect(hotSpotPatternsOf({ ...complaint, kind: 'INQUIRY' })).toEqual([])
  })

  it('are hot from the fifth complaint by default', () => {
    expect(isHotSpot(4, DEFAULT_HOT_SPOT_RULE)).toBe(false)
    expect(isHotSpot(5, DEFAULT_HOT_SPOT_RULE)).toBe(true)
  })
})
