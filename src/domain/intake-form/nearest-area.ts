// Which community a shared location is in, approximately: the nearest one with known coordinates.

export interface PlacedArea {
  code: string
  latitude: number
  longitude: number
}

export interface AreaDistance<A extends PlacedArea> {
  area: A
  meters: number
}

export type NearestAreaResult<A extends PlacedArea> =
  | { status: 'found'; nearest: AreaDistance<A> }
  /** Two areas are about equally near: the consumer should choose. */
  | { status: 'ambiguous'; candidates: [AreaDistance<A>, AreaDistance<A>] }
  /** No area with coordinates within {@link NEAREST_AREA_RULES}.maxMeters. */
  | { status: 'none' }

/** "About equally near": the second is within 20 % or 300 m of the first. Farther than 30 km: not ours. */
export const NEAREST_AREA_RULES = { relativeMargin: 0.2, absoluteMarginMeters: 300, maxMeters: 30_000 } as const

const EARTH_RADIUS_METERS = 6_371_008.8

/** Great-circle distance between two points, in meters (haversine). */
export function haversineMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)))
}

/**
 * The area nearest to a point, or the two nearest when the second is about as near as the first
 * (within 20 % or 300 m), so that the consumer picks.
 */
export function nearestArea<A extends PlacedArea>(
  latitude: number,
  longitude: number,
  areas: Iterable<A>,
): NearestAreaResult<A> {
  let first: AreaDistance<A> | undefined
  let second: AreaDistance<A> | undefined
  for (const area of areas) {
    const candidate = { area, meters: haversineMeters(latitude, longitude, area.latitude, area.longitude) }
    if (!first || candidate.meters < first.meters) {
      second = first
      first = candidate
    } else if (!second || candidate.meters < second.meters) {
      second = candidate
    }
  }
  if (!first || first.meters > NEAREST_AREA_RULES.maxMeters) return { status: 'none' }
  const { relativeMargin, absoluteMarginMeters } = NEAREST_AREA_RULES
  if (
    second &&
    (second.meters <= first.meters * (1 + relativeMargin) || second.meters - first.meters <= absoluteMarginMeters)
  ) {
    return { status: 'ambiguous', candidates: [first, second] }
  }
  return { status: 'found', nearest: first }
}
