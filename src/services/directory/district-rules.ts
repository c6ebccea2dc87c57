import type { AreaLevel } from '../../domain/directory/index.ts'
import type { PlatformRow, StationRow } from './directory-file.ts'
import type { Located } from './directory-plan.ts'
import { type DirectoryReferences, NOT_FOUND } from './directory-references.ts'

/** Checks that each station of the file belongs to a DISTRICT (the city center to the CITY). */
export function checkStationDistricts(
  stations: Iterable<Located<StationRow>>,
  { areas, rejectedArea, error }: DirectoryReferences,
): void {
  for (const row of stations) {
    const district = areas.get(row.districtCode)
    const expected: AreaLevel = row.kind === 'CITY_CENTER' ? 'CITY' : 'DISTRICT'
    if (rejectedArea(row.districtCode)) continue
    if (!district)
      error({
        line: row.line,
        section: 'stations',
        field: 'districtCode',
        value: row.districtCode,
        message: `unknown area: ${NOT_FOUND}`,
      })
    else if (district.level !== expected)
      error({
        line: row.line,
        section: 'stations',
        field: 'districtCode',
        value: row.districtCode,
        message: `a ${row.kind} belongs to a ${expected}, but ${row.districtCode} is a ${district.level}`,
      })
  }
}

/** Checks that each platform's domicile, when it has one, is a DISTRICT. */
export function checkPlatformDistricts(
  platforms: Iterable<Located<PlatformRow>>,
  { areas, rejectedArea, error }: DirectoryReferences,
): void {
  for (const row of platforms) {
    if (row.districtCode === null || rejectedArea(row.districtCode)) continue
    const district = areas.get(row.districtCode)
    if (!district)
      error({
        line: row.line,
        section: 'platforms',
        field: 'districtCode',
        value: row.districtCode,
        message: `unknown district: ${NOT_FOUND}; add it as an area row of level DISTRICT (without parentCode if it is outside the city)`,
      })
    else if (district.level !== 'DISTRICT')
      error({
        line: row.line,
        section: 'platforms',
        field: 'districtCode',
        value: row.districtCode,
        message: `a platform's domicile is a DISTRICT, but ${row.districtCode} is a ${district.level}`,
      })
  }
}
