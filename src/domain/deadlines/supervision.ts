import type { StationKind } from '../lifecycle/station-powers.ts'

/**
 * Which kind of station supervises an overdue ticket of a station (超期督办): the county center supervises its
 * 市场监管所 and first-mile stations, the city center the county centers; nobody above the city center.
 */
export function supervisingKind(kind: StationKind): StationKind | null {
  switch (kind) {
    case 'COMMUNITY_LIAISON_STATION':
    case 'COMPLAINT_STATION':
    case 'MARKET_SUPERVISION_OFFICE':
      return 'COUNTY_CENTER'
    case 'COUNTY_CENTER':
      return 'CITY_CENTER'
    case 'CITY_CENTER':
      return null
  }
}
