// The levels of the area directory, city down to grid (12315-process.md §7): 市 → 区/县 → 街道/乡镇 → 社区/村 → 网格.

/** Every level, from the root (the one CITY) down; the database enum `AreaLevel` mirrors it. */
export const AREA_LEVELS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID'] as const

export type AreaLevel = (typeof AREA_LEVELS)[number]

/**
 * The level an area's parent has. A DISTRICT may also stand without a parent: a platform's domicile outside the
 * city. The CITY is the root.
 */
export const PARENT_LEVEL: { readonly CITY: null } & Readonly<Record<Exclude<AreaLevel, 'CITY'>, AreaLevel>> = {
  CITY: null,
  DISTRICT: 'CITY',
  STREET: 'DISTRICT',
  COMMUNITY: 'STREET',
  GRID: 'COMMUNITY',
}

/** Orders areas parents first (CITY … GRID), e.g. to create them in an order their parents exist in. */
export function compareAreaLevels(a: AreaLevel, b: AreaLevel): number {
  return AREA_LEVELS.indexOf(a) - AREA_LEVELS.indexOf(b)
}

/**
 * True for the levels below the district (street, community, grid): the levels a field station covers. A
 * district or the city is served by its 12315 center instead.
 */
export function isBelowDistrict(level: AreaLevel): boolean {
  return level === 'STREET' || level === 'COMMUNITY' || level === 'GRID'
}

/**
 * True for the level a consumer may pick as a whole although it has subdivisions: a community (its grids are
 * optional detail). Any other area with subdivisions must be narrowed down.
 */
export function isPickableWhole(level: AreaLevel): boolean {
  return level === 'COMMUNITY'
}

/** True for the level with coordinates used to find the area nearest to a shared location: communities. */
export function isPlacedLevel(level: AreaLevel): boolean {
  return level === 'COMMUNITY'
}
