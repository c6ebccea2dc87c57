import { describe, expect, it } from 'vitest'
import { haversineMeters, nearestArea } from '../../../src/domain/intake-form/nearest-area.ts'

const a = { code: 'A', latitude: 30.0, longitude: 103.8 }
const b = { code: 'B', latitude: 30.02, longitude: 103.8 }

describe('nearest area', () => {
  it('measures great-circle distances', () => {
    expect(haversineMeters(30, 103.8, 30.01, 103.8)).toBeCloseTo(1112, -1)
  })

  it('finds the clearly nearest area', () => {
    expect(nearestArea(30.001, 103.8, [a, b])).toMatchObject({ status: 'found', nearest: { area: { code: 'A' } } })
  })

  it('asks to choose when the second is within 20 % of the first', () => {
    expect(nearestArea(30.0095, 103.8, [a, b])).toMatchObject({
      status: 'ambiguous',
      candidates: [{ area: { code: 'A' } }, { area: { code: 'B' } }],
    })
  })

  it('asks to choose when the second is within 300 m of the first', () => {
    const near = { code: 'N', latitude: 30.0, longitude: 103.8 }
    const close = { code: 'C', latitude: 30.0025, longitude: 103.8 }
    expect(nearestArea(29.99, 103.8, [near, close]).status).toBe('ambiguous')
  })

  it('finds nothing without areas or beyond 30 km', () => {
    expect(nearestArea(30, 103.8, []).status).toBe('none')
    expect(nearestArea(31, 103.8, [a]).status).toBe('none')
  })
})
