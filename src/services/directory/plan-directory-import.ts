/**
 * The pure half of a directory import: validates every row and every cross-row rule against the rows
 * already stored, and works out what to create and update. Nothing here touches the database, so the
 * rules can be read (and tested) in one place; import-directory.ts loads the snapshot and applies the plan.
 */
import type { AreaLevel, StationKind } from '../../generated/prisma/enums.ts'
import {
  ROW_SCHEMAS,
  type AreaRow,
  type CoverageRow,
  type DirectoryFile,
  type DirectoryIssue,
  type DirectorySection,
  type LiaisonGridRow,
  type PlatformRow,
  type StationRow,
} from './directory-file.ts'

type Located<T> = T & { line: number }

/** The rows of a file that passed their own schema, each with its line. */
export interface ValidatedRows {
  areas: Array<Located<AreaRow>>
  stations: Array<Located<StationRow>>
  coverage: Array<Located<CoverageRow>>
  platforms: Array<Located<PlatformRow>>
  liaisonGrids: Array<Located<LiaisonGridRow>>
  /** Codes of area and station rows that failed their schema: references to them are not reported again. */
  rejected: { areas: ReadonlySet<string>; stations: ReadonlySet<string> }
}

export interface StoredArea {
  code: string
  level: AreaLevel
  name: string
  nameEn: string | null
  parentCode: string | null
  latitude: number | null
  longitude: number | null
}

export interface StoredStation {
  id: string
  code: string
  kind: StationKind
  name: string
  nameEn: string | null
  address: string | null
  phone: string | null
  districtCode: string | null
}

export interface StoredPlatform {
  code: string
  name: string
  aliases: string[]
  districtCode: string | null
}

/** A LIAISON membership of one of the people the file names. */
export interface StoredLiaison {
  membershipId: number
  telegramId: bigint
  stationCode: string
  active: boolean
  gridCodes: ReadonlySet<string>
}

/** What the database holds that the file's rules depend on. */
export interface DirectorySnapshot {
  areas: ReadonlyMap<string, StoredArea>
  stations: ReadonlyMap<string, StoredStation>
  /** Station code → the codes of the areas it covers. */
  coverage: ReadonlyMap<string, ReadonlySet<string>>
  platforms: ReadonlyMap<string, StoredPlatform>
  /** Telegram ids of existing people, among those the file names. */
  people: ReadonlySet<bigint>
  /** Keyed by {@link liaisonKey}. */
  liaisons: ReadonlyMap<string, StoredLiaison>
}

export interface EntityPlan<T> {
  create: T[]
  update: T[]
  unchanged: number
}

export interface CoverageLink {
  stationCode: string
  areaCode: string
}

export interface LiaisonGridLink {
  membershipId: number
  areaCode: string
}

/** Everything an import will write; counts of coverage and grids are per link (one station × one area). */
export interface DirectoryImportPlan {
  areas: EntityPlan<AreaRow>
  stations: EntityPlan<StationRow>
  platforms: EntityPlan<PlatformRow>
  coverage: { create: CoverageLink[]; unchanged: number }
  liaisonGrids: { create: LiaisonGridLink[]; unchanged: number; skipped: number }
}

export type DirectoryPlanResult =
  | { ok: true; plan: DirectoryImportPlan; warnings: DirectoryIssue[] }
  | { ok: false; errors: DirectoryIssue[]; warnings: DirectoryIssue[] }

const LEVEL_ORDER: readonly AreaLevel[] = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY', 'GRID']
const PARENT_LEVEL: Readonly<Record<AreaLevel, AreaLevel | null>> = {
  CITY: null,
  DISTRICT: 'CITY',
  STREET: 'DISTRICT',
  COMMUNITY: 'STREET',
  GRID: 'COMMUNITY',
}

export function liaisonKey(telegramId: bigint, stationCode: string): string {
  return `${telegramId}:${stationCode}`
}

/** Checks each row against its section's schema; rows that fail are left out and reported. */
export function validateDirectoryRows(file: DirectoryFile): { rows: ValidatedRows; errors: DirectoryIssue[] } {
  const rejected = { areas: new Set<string>(), stations: new Set<string>() }
  const rows: ValidatedRows = { areas: [], stations: [], coverage: [], platforms: [], liaisonGrids: [], rejected }
  const errors: DirectoryIssue[] = []
  for (const source of file.rows) {
    const result = ROW_SCHEMAS[source.section].safeParse(source.fields)
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path[0] === undefined ? undefined : String(issue.path[0])
        const value = field === undefined ? undefined : field in source.fields ? source.fields[field] : undefined
        const message = issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`
          : issue.code === 'invalid_type' && value === undefined ? 'is required' : issue.message
        errors.push({
          line: source.line,
          section: source.section,
          field,
          value: issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : formatValue(value),
          message,
        })
      }
      const code = source.fields.code
      if (typeof code === 'string' && (source.section === 'areas' || source.section === 'stations')) rejected[source.section].add(code.trim())
      continue
    }
    // The schema of the section decides the type; TypeScript cannot follow the indexed access.
    ;(rows[source.section] as Array<Located<object>>).push({ ...(result.data as object), line: source.line })
  }
  return { rows, errors }
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
      error({ line: row.line, section: 'areas', field: 'level', value: row.level, message: `area ${row.code} is stored as a ${stored.level}; an area's level cannot change` })
    }
    if (row.level === 'CITY') {
      if (row.parentCode !== null) error({ line: row.line, section: 'areas', field: 'parentCode', value: row.parentCode, message: 'the CITY is the root and has no parent' })
      if (cities.length > 1) error({ line: row.line, section: 'areas', field: 'code', value: row.code, message: `the directory has one CITY, but would have ${cities.length}: ${cities.join(', ')}` })
      continue
    }
    const expected = PARENT_LEVEL[row.level]!
    if (row.parentCode === null) {
      if (row.level !== 'DISTRICT') error({ line: row.line, section: 'areas', field: 'parentCode', value: '', message: `a ${row.level} needs a parent ${expected}` })
      continue
    }
    const parent = allAreas.get(row.parentCode)
    if (rejectedArea(row.parentCode)) continue
    if (!parent) {
      error({ line: row.line, section: 'areas', field: 'parentCode', value: row.parentCode, message: `unknown parent area: ${describeMissing}` })
      continue
    }
    if (parent.level !== expected) {
      error({ line: row.line, section: 'areas', field: 'parentCode', value: row.parentCode, message: `a ${row.level}'s parent must be a ${expected}, but ${row.parentCode} is a ${parent.level}` })
      continue
    }
    const prefixOk = row.level === 'DISTRICT'
      ? row.code.slice(0, 4) === row.parentCode.slice(0, 4)
      : row.level === 'GRID' ? row.code.startsWith(`${row.parentCode}-`) : row.code.startsWith(row.parentCode)
    if (!prefixOk) {
      error({ line: row.line, section: 'areas', field: 'code', value: row.code, message: `the code does not start with its parent's code ${row.level === 'DISTRICT' ? row.parentCode.slice(0, 4) : row.parentCode}` })
    }
  }

  // Stations
  for (const row of stations.values()) {
    const district = allAreas.get(row.districtCode)
    const expected: AreaLevel = row.kind === 'CITY_CENTER' ? 'CITY' : 'DISTRICT'
    if (rejectedArea(row.districtCode)) continue
    if (!district) error({ line: row.line, section: 'stations', field: 'districtCode', value: row.districtCode, message: `unknown area: ${describeMissing}` })
    else if (district.level !== expected) error({ line: row.line, section: 'stations', field: 'districtCode', value: row.districtCode, message: `a ${row.kind} belongs to a ${expected}, but ${row.districtCode} is a ${district.level}` })
  }

  // Coverage
  const coverageCreate: CoverageLink[] = []
  let coverageUnchanged = 0
  const fileCoverage = new Map<string, Set<string>>()
  const seenLinks = new Map<string, number>()
  for (const row of rows.coverage) {
    const stationKnown = allStations.has(row.stationCode)
    if (!stationKnown && !rejectedStation(row.stationCode)) error({ line: row.line, section: 'coverage', field: 'stationCode', value: row.stationCode, message: `unknown station: ${describeMissing}` })
    for (const areaCode of row.areaCodes) {
      const key = `${row.stationCode}|${areaCode}`
      const firstLine = seenLinks.get(key)
      if (firstLine !== undefined) {
        error({ line: row.line, section: 'coverage', field: 'areaCodes', value: areaCode, message: `station ${row.stationCode} already covers this area at line ${firstLine}` })
        continue
      }
      seenLinks.set(key, row.line)
      if (!allAreas.has(areaCode)) {
        if (!rejectedArea(areaCode)) error({ line: row.line, section: 'coverage', field: 'areaCodes', value: areaCode, message: `unknown area: ${describeMissing}` })
        continue
      }
      if (!stationKnown) continue
      getOrCreate(fileCoverage, row.stationCode).add(areaCode)
      if (snapshot.coverage.get(row.stationCode)?.has(areaCode)) coverageUnchanged += 1
      else coverageCreate.push({ stationCode: row.stationCode, areaCode })
    }
  }

  // Platforms
  for (const row of platforms.values()) {
    if (row.districtCode === null || rejectedArea(row.districtCode)) continue
    const district = allAreas.get(row.districtCode)
    if (!district) error({ line: row.line, section: 'platforms', field: 'districtCode', value: row.districtCode, message: `unknown district: ${describeMissing}; add it as an area row of level DISTRICT (without parentCode if it is outside the city)` })
    else if (district.level !== 'DISTRICT') error({ line: row.line, section: 'platforms', field: 'districtCode', value: row.districtCode, message: `a platform's domicile is a DISTRICT, but ${row.districtCode} is a ${district.level}` })
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
    if (!stationKnown && !rejectedStation(row.stationCode)) error({ line: row.line, section: 'liaisonGrids', field: 'stationCode', value: row.stationCode, message: `unknown station: ${describeMissing}` })
    let rowOk = stationKnown
    const grids: string[] = []
    for (const gridCode of row.gridCodes) {
      const key = `${row.telegramId}|${row.stationCode}|${gridCode}`
      const firstLine = seenGrids.get(key)
      if (firstLine !== undefined) {
        error({ line: row.line, section: 'liaisonGrids', field: 'gridCodes', value: gridCode, message: `already listed for this liaison at line ${firstLine}` })
        rowOk = false
        continue
      }
      seenGrids.set(key, row.line)
      const area = allAreas.get(gridCode)
      if (!area) {
        if (!rejectedArea(gridCode)) error({ line: row.line, section: 'liaisonGrids', field: 'gridCodes', value: gridCode, message: `unknown grid: ${describeMissing}` })
      }
      else if (area.level !== 'GRID') error({ line: row.line, section: 'liaisonGrids', field: 'gridCodes', value: gridCode, message: `is a ${area.level}, not a GRID` })
      else if (stationKnown && !coveredBy(row.stationCode, gridCode)) error({ line: row.line, section: 'liaisonGrids', field: 'gridCodes', value: gridCode, message: `is not in any area station ${row.stationCode} covers` })
      else {
        grids.push(gridCode)
        continue
      }
      rowOk = false
    }
    if (!rowOk) continue
    const membership = snapshot.liaisons.get(liaisonKey(row.telegramId, row.stationCode))
    const skip = (message: string) => {
      warnings.push({ line: row.line, section: 'liaisonGrids', field: 'telegramId', value: String(row.telegramId), message: `${message}; row skipped` })
      gridSkipped += grids.length
    }
    if (!snapshot.people.has(row.telegramId)) skip('nobody with this Telegram id has started the bot yet')
    else if (!membership) skip(`not a liaison of station ${row.stationCode}: invite them first (admin invite --role liaison)`)
    else if (!membership.active) skip(`their liaison membership at station ${row.stationCode} was revoked: invite them again`)
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
      areas: diff([...areas.values()].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level)), snapshot.areas, sameArea),
      stations: diff([...stations.values()], snapshot.stations, sameStation),
      platforms: diff([...platforms.values()], snapshot.platforms, samePlatform),
      coverage: { create: coverageCreate, unchanged: coverageUnchanged },
      liaisonGrids: { create: gridCreate, unchanged: gridUnchanged, skipped: gridSkipped },
    },
  }
}

/** Sorts issues by line, keeping the order of issues on the same line. */
export function byLine(issues: DirectoryIssue[]): DirectoryIssue[] {
  return issues.map((issue, index) => ({ issue, index })).sort((a, b) => a.issue.line - b.issue.line || a.index - b.index).map(({ issue }) => issue)
}

/** A value as it is shown in an error: strings as written, anything else as JSON, at most 80 characters. */
export function formatValue(value: unknown): string | undefined {
  if (value === undefined) return undefined
  const text = typeof value === 'string' ? value : typeof value === 'bigint' ? value.toString() : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
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
    if (first) error({ line: row.line, section, field: 'code', value: key, message: `duplicate ${what} (first at line ${first.line})` })
    else byKey.set(key, row)
  }
  return byKey
}

function diff<T extends { code: string; line: number }, S>(rows: T[], stored: ReadonlyMap<string, S>, same: (row: T, stored: S) => boolean): EntityPlan<Omit<T, 'line'>> {
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
  return row.level === stored.level && row.name === stored.name && row.nameEn === stored.nameEn && row.parentCode === stored.parentCode
    && row.latitude === stored.latitude && row.longitude === stored.longitude
}

function sameStation(row: StationRow, stored: StoredStation): boolean {
  return row.kind === stored.kind && row.name === stored.name && row.nameEn === stored.nameEn && row.address === stored.address
    && row.phone === stored.phone && row.districtCode === stored.districtCode
}

function samePlatform(row: PlatformRow, stored: StoredPlatform): boolean {
  return row.name === stored.name && row.districtCode === stored.districtCode
    && row.aliases.length === stored.aliases.length && row.aliases.every((alias, index) => alias === stored.aliases[index])
}

function getOrCreate<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key)
  if (!set) map.set(key, (set = new Set()))
  return set
}
