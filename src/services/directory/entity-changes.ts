import type { AreaRow, PlatformRow, StationRow } from './directory-file.ts'
import type { EntityPlan, StoredArea, StoredPlatform, StoredStation } from './directory-plan.ts'

/** Sorts the file's rows into new ones, changed ones and ones equal to what is stored (by code). */
export function entityChanges<T extends { code: string; line: number }, S>(
  rows: T[],
  stored: ReadonlyMap<string, S>,
  same: (row: T, stored: S) => boolean,
): EntityPlan<Omit<T, 'line'>> {
  const plan: EntityPlan<Omit<T, 'line'>> = { create: [], update: [], unchanged: 0 }
  for (const { line: _line, ...row } of rows) {
    const existing = stored.get(row.code)
    if (existing === undefined) plan.create.push(row)
    else if (same(row as unknown as T, existing)) plan.unchanged += 1
    else plan.update.push(row)
  }
  return plan
}

export function sameArea(row: AreaRow, stored: StoredArea): boolean {
  return (
    row.level === stored.level &&
    row.name === stored.name &&
    row.nameEn === stored.nameEn &&
    row.parentCode === stored.parentCode &&
    row.latitude === stored.latitude &&
    row.longitude === stored.longitude
  )
}

export function sameStation(row: StationRow, stored: StoredStation): boolean {
  return (
    row.kind === stored.kind &&
    row.name === stored.name &&
    row.nameEn === stored.nameEn &&
    row.address === stored.address &&
    row.addressEn === stored.addressEn &&
    row.phone === stored.phone &&
    row.districtCode === stored.districtCode
  )
}

export function samePlatform(row: PlatformRow, stored: StoredPlatform): boolean {
  return (
    row.name === stored.name &&
    row.districtCode === stored.districtCode &&
    row.aliases.length === stored.aliases.length &&
    row.aliases.every((alias, index) => alias === stored.aliases[index])
  )
}
