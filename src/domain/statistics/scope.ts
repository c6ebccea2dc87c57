import type { StationKind } from '../lifecycle/station-powers.ts'

/** Whose figures: one station's, a county's (every station in the district), or the whole city's. */
export type StatisticsScope =
  | { level: 'STATION'; stationId: string }
  | { level: 'COUNTY'; districtCode: string }
  | { level: 'CITY' }

/** An active membership with what scope rules need of its station. */
export interface ScopeMembership {
  role: 'ADMIN' | 'STAFF' | 'LIAISON'
  stationId: string
  stationKind: StationKind
  districtCode: string | null
}

/** Stations whose staff read their whole county: the county center and its 市场监管所. */
const COUNTY_KINDS: readonly StationKind[] = ['COUNTY_CENTER', 'MARKET_SUPERVISION_OFFICE']

/**
 * Whether someone with these memberships may read the scope's figures: admins everything; staff of a county
 * center or 所 their district and its stations; other staff their own station. `stationDistrict` is the district
 * of the station a STATION scope names.
 */
export function mayReadScope(
  memberships: readonly ScopeMembership[],
  scope: StatisticsScope,
  stationDistrict: string | null = null,
): boolean {
  if (memberships.some((m) => m.role === 'ADMIN')) return true
  const staff = memberships.filter((m) => m.role === 'STAFF')
  const countyOf = (district: string | null) =>
    district !== null && staff.some((m) => COUNTY_KINDS.includes(m.stationKind) && m.districtCode === district)
  switch (scope.level) {
    case 'CITY':
      return false
    case 'COUNTY':
      return countyOf(scope.districtCode)
    case 'STATION':
      return staff.some((m) => m.stationId === scope.stationId) || countyOf(stationDistrict)
  }
}

/**
 * The scope a person gets without asking: in a station's group, that station; else the widest they may read
 * (city for admins, their county for county staff, their one station). Undefined when that is not one thing.
 */
export function defaultScope(
  memberships: readonly ScopeMembership[],
  groupStationId: string | null,
): StatisticsScope | undefined {
  if (groupStationId !== null) return { level: 'STATION', stationId: groupStationId }
  if (memberships.some((m) => m.role === 'ADMIN')) return { level: 'CITY' }
  const staff = memberships.filter((m) => m.role === 'STAFF')
  const counties = [
    ...new Set(staff.flatMap((m) => (COUNTY_KINDS.includes(m.stationKind) && m.districtCode ? [m.districtCode] : []))),
  ]
  const county = onlyOne(counties)
  if (county !== undefined) return { level: 'COUNTY', districtCode: county }
  const station = onlyOne([...new Set(staff.map((m) => m.stationId))])
  if (counties.length === 0 && station !== undefined) return { level: 'STATION', stationId: station }
  return undefined
}

/** The one element of a list of one; undefined for an empty or a longer list. */
function onlyOne<T>(list: readonly T[]): T | undefined {
  return list.length === 1 ? list[0] : undefined
}

/** The wider scopes above a station a person may switch to (for buttons): county and city, where allowed. */
export function widerScopes(memberships: readonly ScopeMembership[]): StatisticsScope[] {
  const scopes: StatisticsScope[] = []
  const staff = memberships.filter((m) => m.role === 'STAFF')
  for (const district of new Set(
    staff.filter((m) => COUNTY_KINDS.includes(m.stationKind)).map((m) => m.districtCode),
  )) {
    if (district) scopes.push({ level: 'COUNTY', districtCode: district })
  }
  if (memberships.some((m) => m.role === 'ADMIN')) scopes.push({ level: 'CITY' })
  return scopes
}

/** A short text of a scope for callback data and job ids: `S<uuid>`, `D<code>`, `C`. */
export function scopeKey(scope: StatisticsScope): string {
  return scope.level === 'CITY' ? 'C' : scope.level === 'COUNTY' ? `D${scope.districtCode}` : `S${scope.stationId}`
}

const SCOPE_KEY = /^(?:C|D([0-9A-Za-z_-]{1,20})|S([0-9a-f-]{36}))$/

/** The scope of a {@link scopeKey}, or undefined. A decoded scope is a request, never a permission. */
export function scopeFromKey(key: string): StatisticsScope | undefined {
  const m = SCOPE_KEY.exec(key)
  if (!m) return undefined
  if (key === 'C') return { level: 'CITY' }
  if (m[1]) return { level: 'COUNTY', districtCode: m[1] }
  return m[2] ? { level: 'STATION', stationId: m[2] } : undefined
}
