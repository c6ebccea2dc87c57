/**
 * The pure half of a directory import: validates every row and every cross-row rule against the rows
 * already stored, and works out what to create and update. Nothing here touches the database, so the
 * rules can be read (and tested) in one place; import-directory.ts loads the snapshot and applies the plan.
 */
import { type AreaLevel, compareAreaLevels, extendsParentCode, PARENT_LEVEL } from '../../domain/directory/index.ts'
import type { AreaRow, DirectoryIssue, DirectorySection, PlatformRow, StationRow } from './directory-file.ts'
import type {
  CoverageLink,
  DirectoryPlanResult,
  DirectorySnapshot,
  EntityPlan,
  LiaisonGridLink,
  StoredArea,
  StoredPlatform,
  StoredStation,
  ValidatedRows,
} from './directory-plan.ts'

import { byLine } from './validate-directory-rows.ts'

export type * from './directory-plan.ts'
export { byLine, validateDirectoryRows } from './validate-directory-rows.ts'

export function liaisonKey(telegramId: bigint, stationCode: string): string {
  return `${telegramId}:${stationCode}`
}

/**
 * Applies the cross-row rules to rows that passed their schema, against what is stored, and plans the writes.
 * Rules: codes are unique; every parent exists (in the file or the database) and has the level just above
 * (a GRID's parent is a COMMUNITY…) and a code that prefixes its child's; there is one CITY; a district without
 * parent is allowed (a platform's domicile outside the city); an area's level never changes; stations belong to
 * a DISTRICT (the city center to the CITY); coverage names known stations and areas; a platform's district is a
 * DISTRICT; liaison grids are GRIDs under an area the station covers. Liaison rows for people or memberships that
 * do not exist yet are skipped with a warning, because roles are granted by invites, not by files.
 */
export function planDirectoryImport(rows: ValidatedRows, snapshot: DirectorySnapshot): DirectoryPlanResult {
  const errors: DirectoryIssue[] = []
  const warnings: DirectoryIssue[] = []
  const error = (issue: DirectoryIssue) => errors.push(issue)

  const areas = firstByKey(rows.areas, (row) => row.code, 'areas', 'area code', error)
  const stations = firstByKey(rows.stations, (row) => row.code, 'stations', 'station code', error)
  const platforms = firstByKey(rows.platforms, (row) => row.code, 'platforms', 'platform code', error)

  const allAreas = new Map<string, { level: AreaLevel; parentCode: string | null }>(snapshot.areas)
  for (const row of areas.values()) allAreas.set(row.code, row)
  const allStations = new Set([...snapshot.stations.keys(), ...stations.keys()])
  const describeMissing = 'neither in the file nor in the database'
  // A reference to a row that failed its own schema is not an error of its own: fixing that row fixes it.
  const rejectedArea = (code: string) => !allAreas.has(code) && rows.rejected.areas.has(code)
  const rejectedStation = (code: string) => !allStations.has(code) && rows.rejected.stations.has(code)

  // Areas
  const cities = [...allAreas.entries()].filter(([, area]) => area.level === 'CITY').map(([code]) => code)
  for (const row of areas.values()) {
    const stored = snapshot.areas.get(row.code)
    if (stored && stored.level !== row.level) {
      error({
        line: row.line,
        section: 'areas',
        field: 'level',
        value: row.level,
        message: `area ${row.code} is stored as a ${stored.level}; an area's level cannot change`,
      })
    }
    if (row.level === 'CITY') {
      if (row.parentCode !== null)
        error({
          line: row.line,
          section: 'areas',
          field: 'parentCode',
          value: row.parentCode,
          message: 'the CITY is the root and has no parent',
        })
      if (cities.length > 1)
        error({
          line: row.line,
          section: 'areas',
          field: 'code',
          value: row.code,
          message: `the directory has one CITY, but would have ${cities.length}: ${cities.join(', ')}`,
        })
      continue
    }
    const expected = PARENT_LEVEL[row.level]!
    if (row.parentCode === null) {
      if (row.level !== 'DISTRICT')
        error({
          line: row.line,
          section: 'areas',
          field: 'parentCode',
          value: '',
          message: `a ${row.level} needs a parent ${expected}`,
        })
      continue
    }
    const parent = allAreas.get(row.parentCode)
    if (rejectedArea(row.parentCode)) continue
    if (!parent) {
      error({
        line: row.line,
        section: 'areas',
        field: 'parentCode',
        value: row.parentCode,
        message: `unknown parent area: ${describeMissing}`,
      })
      continue
    }
    if (parent.level !== expected) {
      error({
        line: row.line,
        section: 'areas',
        field: 'parentCode',
        value: row.parentCode,
        message: `a ${row.level}'s parent must be a ${expected}, but ${row.parentCode} is a ${parent.level}`,
      })
      continue
    }
    if (!extendsParentCode(row.level, row.code, row.parentCode)) {
      error({
        line: row.line,
        section: 'areas',
        field: 'code',
        value: row.code,
        message: `the code does not start with its parent's code ${row.level === 'DISTRICT' ? row.parentCode.slice(0, 4) : row.parentCode}`,
      })
    }
  }

  // Stations
  for (const row of stations.values()) {
    const district = allAreas.get(row.districtCode)
    const expected: AreaLevel = row.kind === 'CITY_CENTER' ? 'CITY' : 'DISTRICT'
    if (rejectedArea(row.districtCode)) continue
    if (!district)
      error({
        line: row.line,
        section: 'stations',
        field: 'districtCode',
        value: row.districtCode,
        message: `unknown area: ${describeMissing}`,
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

  // Coverage
  const coverageCreate: CoverageLink[] = []
  let coverageUnchanged = 0
  const fileCoverage = new Map<string, Set<string>>()
  const seenLinks = new Map<string, number>()
  for (const row of rows.coverage) {
    const stationKnown = allStations.has(row.stationCode)
    if (!stationKnown && !rejectedStation(row.stationCode))
      error({
        line: row.line,
        section: 'coverage',
        field: 'stationCode',
        value: row.stationCode,
        message: `unknown station: ${describeMissing}`,
      })
    for (const areaCode of row.areaCodes) {
      const key = `${row.stationCode}|${areaCode}`
      const firstLine = seenLinks.get(key)
      if (firstLine !== undefined) {
        error({
          line: row.line,
          section: 'coverage',
          field: 'areaCodes',
          value: areaCode,
          message: `station ${row.stationCode} already covers this area at line ${firstLine}`,
        })
        continue
      }
      seenLinks.set(key, row.line)
      if (!allAreas.has(areaCode)) {
        if (!rejectedArea(areaCode))
          error({
            line: row.line,
            section: 'coverage',
            field: 'areaCodes',
            value: areaCode,
            message: `unknown area: ${describeMissing}`,
          })
        continue
      }
      if (!stationKnown) continue
      const kind = stations.get(row.stationCode)?.kind ?? snapshot.stations.get(row.stationCode)?.kind
      const level = allAreas.get(areaCode)?.level
      if (kind === 'MARKET_SUPERVISION_OFFICE' && level !== 'STREET') {
        error({
          line: row.line,
          section: 'coverage',
          field: 'areaCodes',
          value: areaCode,
          message: `a MARKET_SUPERVISION_OFFICE (市场监管所) covers streets (乡镇/街道), but ${areaCode} is a ${level}`,
        })
        continue
      }
      getOrCreate(fileCoverage, row.stationCode).add(areaCode)
      if (snapshot.coverage.get(row.stationCode)?.has(areaCode)) coverageUnchanged += 1
      else coverageCreate.push({ stationCode: row.stationCode, areaCode })
    }
  }

  // Platforms
  for (const row of platforms.values()) {
    if (row.districtCode === null || rejectedArea(row.districtCode)) continue
    const district = allAreas.get(row.districtCode)
    if (!district)
      error({
        line: row.line,
        section: 'platforms',
        field: 'districtCode',
        value: row.districtCode,
        message: `unknown district: ${describeMissing}; add it as an area row of level DISTRICT (without parentCode if it is outside the city)`,
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

  // Liaison grids
  const gridCreate: LiaisonGridLink[] = []
  let gridUnchanged = 0
  let gridSkipped = 0
  const seenGrids = new Map<string, number>()
  const coveredBy = (stationCode: string, areaCode: string): boolean => {
    const covered = new Set([...(snapshot.coverage.get(stationCode) ?? []), ...(fileCoverage.get(stationCode) ?? [])])
    for (let code: string | null = areaCode, depth = 0; code !== null && depth < 8; depth += 1) {
      if (covered.has(code)) return true
      code = allAreas.get(code)?.parentCode ?? null
    }
    return false
  }
  for (const row of rows.liaisonGrids) {
    const stationKnown = allStations.has(row.stationCode)
    if (!stationKnown && !rejectedStation(row.stationCode))
      error({
        line: row.line,
        section: 'liaisonGrids',
        field: 'stationCode',
        value: row.stationCode,
        message: `unknown station: ${describeMissing}`,
      })
    let rowOk = stationKnown
    const grids: string[] = []
    for (const gridCode of row.gridCodes) {
      const key = `${row.telegramId}|${row.stationCode}|${gridCode}`
      const firstLine = seenGrids.get(key)
      if (firstLine !== undefined) {
        error({
          line: row.line,
          section: 'liaisonGrids',
          field: 'gridCodes',
          value: gridCode,
          message: `already listed for this liaison at line ${firstLine}`,
        })
        rowOk = false
        continue
      }
      seenGrids.set(key, row.line)
      const area = allAreas.get(gridCode)
      if (!area) {
        if (!rejectedArea(gridCode))
          error({
            line: row.line,
            section: 'liaisonGrids',
            field: 'gridCodes',
            value: gridCode,
            message: `unknown grid: ${describeMissing}`,
          })
      } else if (area.level !== 'GRID')
        error({
          line: row.line,
          section: 'liaisonGrids',
          field: 'gridCodes',
          value: gridCode,
          message: `is a ${area.level}, not a GRID`,
        })
      else if (stationKnown && !coveredBy(row.stationCode, gridCode))
        error({
          line: row.line,
          section: 'liaisonGrids',
          field: 'gridCodes',
          value: gridCode,
          message: `is not in any area station ${row.stationCode} covers`,
        })
      else {
        grids.push(gridCode)
        continue
      }
      rowOk = false
    }
    if (!rowOk) continue
    const membership = snapshot.liaisons.get(liaisonKey(row.telegramId, row.stationCode))
    const skip = (message: string) => {
      warnings.push({
        line: row.line,
        section: 'liaisonGrids',
        field: 'telegramId',
        value: String(row.telegramId),
        message: `${message}; row skipped`,
      })
      gridSkipped += grids.length
    }
    if (!snapshot.people.has(row.telegramId)) skip('nobody with this Telegram id has started the bot yet')
    else if (!membership)
      skip(`not a liaison of station ${row.stationCode}: invite them first (admin invite --role liaison)`)
    else if (!membership.active)
      skip(`their liaison membership at station ${row.stationCode} was revoked: invite them again`)
    else {
      for (const gridCode of grids) {
        if (membership.gridCodes.has(gridCode)) gridUnchanged += 1
        else gridCreate.push({ membershipId: membership.membershipId, areaCode: gridCode })
      }
    }
  }

  if (errors.length > 0) return { ok: false, errors: byLine(errors), warnings: byLine(warnings) }
  return {
    ok: true,
    warnings: byLine(warnings),
    plan: {
      areas: diff(
        [...areas.values()].sort((a, b) => compareAreaLevels(a.level, b.level)),
        snapshot.areas,
        sameArea,
      ),
      stations: diff([...stations.values()], snapshot.stations, sameStation),
      platforms: diff([...platforms.values()], snapshot.platforms, samePlatform),
      coverage: { create: coverageCreate, unchanged: coverageUnchanged },
      liaisonGrids: { create: gridCreate, unchanged: gridUnchanged, skipped: gridSkipped },
    },
  }
}

function firstByKey<T extends { line: number }>(
  rows: T[],
  keyOf: (row: T) => string,
  section: DirectorySection,
  what: string,
  error: (issue: DirectoryIssue) => void,
): Map<string, T> {
  const byKey = new Map<string, T>()
  for (const row of rows) {
    const key = keyOf(row)
    const first = byKey.get(key)
    if (first)
      error({
        line: row.line,
        section,
        field: 'code',
        value: key,
        message: `duplicate ${what} (first at line ${first.line})`,
      })
    else byKey.set(key, row)
  }
  return byKey
}

function diff<T extends { code: string; line: number }, S>(
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

function sameArea(row: AreaRow, stored: StoredArea): boolean {
  return (
    row.level === stored.level &&
    row.name === stored.name &&
    row.nameEn === stored.nameEn &&
    row.parentCode === stored.parentCode &&
    row.latitude === stored.latitude &&
    row.longitude === stored.longitude
  )
}

function sameStation(row: StationRow, stored: StoredStation): boolean {
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

function samePlatform(row: PlatformRow, stored: StoredPlatform): boolean {
  return (
    row.name === stored.name &&
    row.districtCode === stored.districtCode &&
    row.aliases.length === stored.aliases.length &&
    row.aliases.every((alias, index) => alias === stored.aliases[index])
  )
}

function getOrCreate<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key)
  if (!set) {
    set = new Set()
    map.set(key, set)
  }
  return set
}
