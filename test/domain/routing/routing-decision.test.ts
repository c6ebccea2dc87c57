import { describe, expect, it } from 'vitest'
import {
  type AreaRef,
  type CoverageLookup,
  decideRouting,
  describeRoutingReason,
  type StationRef,
} from '../../../src/domain/routing/routing-decision.ts'

const station = (code: string, kind: StationRef['kind'], bound = true): StationRef => ({
  id: `id-${code}`,
  code,
  kind,
  bound,
})

const gridStation = station('S-GRID', 'COMPLAINT_STATION')
const communityStation = station('S-COMM', 'COMMUNITY_LIAISON_STATION')
const streetStation = station('S-STREET', 'COMMUNITY_LIAISON_STATION')
const unboundStation = station('S-UNBOUND', 'COMMUNITY_LIAISON_STATION', false)
const dongpoCenter = station('C-511402', 'COUNTY_CENTER')
const hangzhouCenter = station('C-330110', 'COUNTY_CENTER')
const cityCenter = station('C-511400', 'CITY_CENTER')

const coverage: Record<string, StationRef[]> = {
  '511402001001-01': [gridStation],
  '511402001001': [communityStation],
  '511402002': [streetStation],
  '511402003001': [unboundStation],
}
const lookup: CoverageLookup = {
  coveringStations: (code) => coverage[code] ?? [],
  countyCenter: (district) => ({ '511402': dongpoCenter, '330110': hangzhouCenter })[district],
  cityCenter: () => cityCenter,
}

const chain = (...codes: Array<[string, AreaRef['level']]>): AreaRef[] =>
  codes.map(([code, level]) => ({ code, level }))
const tail: Array<[string, AreaRef['level']]> = [
  ['511402', 'DISTRICT'],
  ['511400', 'CITY'],
]

describe('routing a complaint to a station', () => {
  it('picks the station covering the grid first', () => {
    const result = decideRouting(
      {
        type: 'area',
        chain: chain(['511402001001-01', 'GRID'], ['511402001001', 'COMMUNITY'], ['511402001', 'STREET'], ...tail),
      },
      lookup,
    )
    expect(result.ok && result.decision.station).toBe(gridStation)
    expect(result.ok && describeRoutingReason(result.decision.reason)).toBe('covered by grid 511402001001-01')
  })

  it('falls back to the community when the grid is not covered', () => {
    const result = decideRouting(
      {
        type: 'area',
        chain: chain(['511402001001-02', 'GRID'], ['511402001001', 'COMMUNITY'], ['511402001', 'STREET'], ...tail),
      },
      lookup,
    )
    expect(result.ok && result.decision.station).toBe(communityStation)
  })

  it('falls back to the street or town', () => {
    const result = decideRouting(
      { type: 'area', chain: chain(['511402002005', 'COMMUNITY'], ['511402002', 'STREET'], ...tail) },
      lookup,
    )
    expect(result.ok && result.decision.station).toBe(streetStation)
  })

  it('falls back to the county 12315 center when nothing covers the place', () => {
    const result = decideRouting(
      { type: 'area', chain: chain(['511402009001', 'COMMUNITY'], ['511402009', 'STREET'], ...tail) },
      lookup,
    )
    expect(result.ok && result.decision).toMatchObject({ station: dongpoCenter, reason: { code: 'COUNTY_CENTER' } })
  })

  it('hands a ticket for a station without a bound group to the county center, saying which station it was', () => {
    const result = decideRouting(
      { type: 'area', chain: chain(['511402003001', 'COMMUNITY'], ['511402003', 'STREET'], ...tail) },
      lookup,
    )
    expect(result.ok && result.decision).toMatchObject({ station: dongpoCenter, redirectedFrom: unboundStation })
  })

  it('sends an online shop to the center of the platform district', () => {
    const result = decideRouting(
      { type: 'online', platformName: '淘宝', platformDistrict: { code: '330110', level: 'DISTRICT' } },
      lookup,
    )
    expect(result.ok && result.decision.station).toBe(hangzhouCenter)
  })

  it('sends an online shop showing an address in the city where a shop at that address would go, saying so', () => {
    const taobao = {
      type: 'online',
      platformName: '淘宝',
      platformDistrict: { code: '330110', level: 'DISTRICT' },
    } as const
    const covered = decideRouting(
      { ...taobao, shopChain: chain(['511402001001', 'COMMUNITY'], ['511402001', 'STREET'], ...tail) },
      lookup,
    )
    expect(covered.ok && covered.decision).toMatchObject({
      station: communityStation,
      reason: { code: 'ONLINE_SHOP_ADDRESS', areaCode: '511402001001' },
    })
    expect(covered.ok && describeRoutingReason(covered.decision.reason)).toBe(
      'online shop on 淘宝 showing an address in 511402001001: covered by community 511402001001',
    )
    const uncovered = decideRouting(
      { ...taobao, shopChain: chain(['511402009001', 'COMMUNITY'], ['511402009', 'STREET'], ...tail) },
      lookup,
    )
    expect(uncovered.ok && uncovered.decision).toMatchObject({
      station: dongpoCenter,
      reason: { code: 'ONLINE_SHOP_ADDRESS', by: { code: 'COUNTY_CENTER' } },
    })
    const unbound = decideRouting(
      { ...taobao, shopChain: chain(['511402003001', 'COMMUNITY'], ['511402003', 'STREET'], ...tail) },
      lookup,
    )
    expect(unbound.ok && unbound.decision).toMatchObject({ station: dongpoCenter, redirectedFrom: unboundStation })
    const noAddress = decideRouting(taobao, lookup)
    expect(noAddress.ok && describeRoutingReason(noAddress.decision.reason)).toBe(
      "online shop on 淘宝, no address in the city shown; center of the platform's district 330110",
    )
  })

  it('sends an online shop of an unknown platform to the city center', () => {
    const result = decideRouting({ type: 'online', platformName: '某小平台' }, lookup)
    expect(result.ok && result.decision).toMatchObject({
      station: cityCenter,
      reason: { code: 'CITY_CENTER_FALLBACK', because: 'PLATFORM_DISTRICT_UNKNOWN' },
    })
  })

  it('sends a place-less inquiry to the city center', () => {
    const result = decideRouting({ type: 'unknown' }, lookup)
    expect(result.ok && result.decision.station).toBe(cityCenter)
  })

  it('reports when the directory has no station at all', () => {
    const empty: CoverageLookup = {
      coveringStations: () => [],
      countyCenter: () => undefined,
      cityCenter: () => undefined,
    }
    expect(decideRouting({ type: 'unknown' }, empty)).toEqual({ ok: false, reason: 'NO_STATION_AT_ALL' })
  })
})
