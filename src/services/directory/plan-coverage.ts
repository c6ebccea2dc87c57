import type { CoverageRow } from './directory-file.ts'
import type { CoverageLink, DirectorySnapshot, Located } from './directory-plan.ts'
import { type DirectoryReferences, NOT_FOUND } from './directory-references.ts'

/** The coverage links to create, how many are stored already, and what the file says each station covers. */
export interface CoveragePlan {
  create: CoverageLink[]
  unchanged: number
  /** Station code → the codes of the areas the file's valid links cover. */
  fileCoverage: ReadonlyMap<string, ReadonlySet<string>>
}

/**
 * Checks the coverage rows (known stations and areas, no link twice, a 市场监管所 covers streets only) and plans
 * the links that are not stored yet.
 */
export function planCoverage(
  rows: Iterable<Located<CoverageRow>>,
  snapshot: DirectorySnapshot,
  { areas, stations, fileStations, rejectedArea, rejectedStation, error }: DirectoryReferences,
): CoveragePlan {
  const create: CoverageLink[] = []
  let unchanged = 0
  const fileCoverage = new Map<string, Set<string>>()
  const seenLinks = new Map<string, number>()
  for (const row of rows) {
    const stationKnown = stations.has(row.stationCode)
    if (!stationKnown && !rejectedStation(row.stationCode))
      error({
        line: row.line,
        section: 'coverage',
        field: 'stationCode',
        value: row.stationCode,
        message: `unknown station: ${NOT_FOUND}`,
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
      if (!areas.has(areaCode)) {
        if (!rejectedArea(areaCode))
          error({
            line: row.line,
            section: 'coverage',
            field: 'areaCodes',
            value: areaCode,
            message: `unknown area: ${NOT_FOUND}`,
          })
        continue
      }
      if (!stationKnown) continue
      const kind = fileStations.get(row.stationCode)?.kind ?? snapshot.stations.get(row.stationCode)?.kind
      const level = areas.get(areaCode)?.level
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
      coveredAreas(fileCoverage, row.stationCode).add(areaCode)
      if (snapshot.coverage.get(row.stationCode)?.has(areaCode)) unchanged += 1
      else create.push({ stationCode: row.stationCode, areaCode })
    }
  }
  return { create, unchanged, fileCoverage }
}

function coveredAreas(coverage: Map<string, Set<string>>, stationCode: string): Set<string> {
  let areas = coverage.get(stationCode)
  if (!areas) {
    areas = new Set()
    coverage.set(stationCode, areas)
  }
  return areas
}
