// Routing is a lookup over data (which station covers which area), never code per place: the most specific
// covering station wins, then the county's 12315 center, then the city's (12315-process.md §7).

import { type AreaLevel, isBelowDistrict } from '../directory/index.ts'

export interface AreaRef {
  code: string
  level: AreaLevel
}

export interface StationRef {
  id: string
  code: string
  kind:
    | 'COMMUNITY_LIAISON_STATION'
    | 'COMPLAINT_STATION'
    | 'COUNTY_CENTER'
    | 'MARKET_SUPERVISION_OFFICE'
    | 'CITY_CENTER'
  /** Whether a Telegram group is bound to receive tickets. */
  bound: boolean
}

/** Where the business is, as far as the consumer told us. */
export type BusinessPlace =
  /** The area picked and its ancestors, most specific first (grid → … → city). */
  | { type: 'area'; chain: readonly AreaRef[] }
  /**
   * An online shop: the platform's registered district when the directory knows it, and the area of the address the
   * shop shows on the platform (most specific first) when that lies in the city.
   */
  | {
      type: 'online'
      platformName: string
      platformDistrict?: AreaRef | undefined
      shopChain?: readonly AreaRef[] | undefined
    }
  /** Nothing usable (an inquiry without a place). */
  | { type: 'unknown' }

export interface CoverageLookup {
  /** Stations covering exactly this area (a grid, a community …), best candidate first. */
  coveringStations(areaCode: string): readonly StationRef[]
  /** The 12315 center of a district/county. */
  countyCenter(districtCode: string): StationRef | undefined
  /** The city's 12315 center. */
  cityCenter(): StationRef | undefined
}

export type RoutingReason =
  | { code: 'COVERED_BY_AREA'; level: AreaLevel; areaCode: string }
  | { code: 'COUNTY_CENTER'; districtCode: string }
  | { code: 'ONLINE_PLATFORM_DISTRICT'; platformName: string; districtCode: string }
  /** An online shop whose shown address lies in the city: routed as a shop in person there (`by` says how). */
  | { code: 'ONLINE_SHOP_ADDRESS'; platformName: string; areaCode: string; by: RoutingReason }
  | { code: 'CITY_CENTER_FALLBACK'; because: 'NO_PLACE' | 'NO_COVERAGE' | 'PLATFORM_DISTRICT_UNKNOWN' }

export interface RoutingDecision {
  station: StationRef
  reason: RoutingReason
  /** Set when the chosen station has no group yet and the ticket went to its county center instead. */
  redirectedFrom?: StationRef | undefined
}

export type RoutingResult = { ok: true; decision: RoutingDecision } | { ok: false; reason: 'NO_STATION_AT_ALL' }

/**
 * Picks the station for a complaint: grid → community → street/town coverage, else the county 12315 center of
 * the district, else the city center. An online shop whose address shown on the platform lies in the city goes where
 * a shop at that address would; any other online shop to the center of the platform's registered district (Order
 * 121: a merchant showing no address is handled where the platform is), else the city center. A chosen station
 * without a bound group hands the ticket to its county center.
 */
export function decideRouting(place: BusinessPlace, lookup: CoverageLookup): RoutingResult {
  const decision = primaryDecision(place, lookup)
  if (!decision) return { ok: false, reason: 'NO_STATION_AT_ALL' }
  return { ok: true, decision: redirectIfUnbound(decision, place, lookup) }
}

function primaryDecision(place: BusinessPlace, lookup: CoverageLookup): RoutingDecision | undefined {
  if (place.type === 'area') return byArea(place.chain, lookup)
  if (place.type === 'online') return byPlatform(place, lookup)
  return cityFallback(lookup, 'NO_PLACE')
}

function byArea(chain: readonly AreaRef[], lookup: CoverageLookup): RoutingDecision | undefined {
  for (const area of chain) {
    if (!isBelowDistrict(area.level)) break
    const station = lookup.coveringStations(area.code)[0]
    if (station) return { station, reason: { code: 'COVERED_BY_AREA', level: area.level, areaCode: area.code } }
  }
  const district = chain.find((area) => area.level === 'DISTRICT')
  const center = district && lookup.countyCenter(district.code)
  if (district && center) return { station: center, reason: { code: 'COUNTY_CENTER', districtCode: district.code } }
  return cityFallback(lookup, 'NO_COVERAGE')
}

function byPlatform(
  place: Extract<BusinessPlace, { type: 'online' }>,
  lookup: CoverageLookup,
): RoutingDecision | undefined {
  const shopArea = place.shopChain?.[0]
  const byShop = shopArea && place.shopChain && byArea(place.shopChain, lookup)
  if (shopArea && byShop)
    return {
      ...byShop,
      reason: {
        code: 'ONLINE_SHOP_ADDRESS',
        platformName: place.platformName,
        areaCode: shopArea.code,
        by: byShop.reason,
      },
    }
  const district = place.platformDistrict
  const center = district && lookup.countyCenter(district.code)
  if (district && center) {
    return {
      station: center,
      reason: { code: 'ONLINE_PLATFORM_DISTRICT', platformName: place.platformName, districtCode: district.code },
    }
  }
  return cityFallback(lookup, 'PLATFORM_DISTRICT_UNKNOWN')
}

function cityFallback(
  lookup: CoverageLookup,
  because: 'NO_PLACE' | 'NO_COVERAGE' | 'PLATFORM_DISTRICT_UNKNOWN',
): RoutingDecision | undefined {
  const station = lookup.cityCenter()
  return station && { station, reason: { code: 'CITY_CENTER_FALLBACK', because } }
}

function redirectIfUnbound(decision: RoutingDecision, place: BusinessPlace, lookup: CoverageLookup): RoutingDecision {
  if (decision.station.bound) return decision
  const chain = place.type === 'area' ? place.chain : place.type === 'online' ? (place.shopChain ?? []) : []
  const district = chain.find((area) => area.level === 'DISTRICT')
  const fallback = (district && lookup.countyCenter(district.code)) || lookup.cityCenter()
  if (!fallback || fallback.id === decision.station.id || !fallback.bound) return decision
  return { ...decision, station: fallback, redirectedFrom: decision.station }
}

/** A short, log-friendly reason such as "covered by grid 511402001001-01". */
export function describeRoutingReason(reason: RoutingReason): string {
  switch (reason.code) {
    case 'COVERED_BY_AREA':
      return `covered by ${reason.level.toLowerCase()} ${reason.areaCode}`
    case 'COUNTY_CENTER':
      return `no station covers the place; county center of ${reason.districtCode}`
    case 'ONLINE_PLATFORM_DISTRICT':
      return `online shop on ${reason.platformName}, no address in the city shown; center of the platform's district ${reason.districtCode}`
    case 'ONLINE_SHOP_ADDRESS':
      return `online shop on ${reason.platformName} showing an address in ${reason.areaCode}: ${describeRoutingReason(reason.by)}`
    case 'CITY_CENTER_FALLBACK':
      return `city center (${reason.because.toLowerCase().replaceAll('_', ' ')})`
  }
}
