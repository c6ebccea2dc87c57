/**
 * The pure half of a directory import: validates every cross-row rule against the rows already stored, and works
 * out what to create and update. Nothing here touches the database, so the rules can be read (and tested) in one
 * place; import-directory.ts loads the snapshot and applies the plan.
 */
import { compareAreaLevels } from '../../domain/directory/index.ts'
import { checkAreaTree } from './area-tree-rules.ts'
import type { DirectoryIssue, DirectorySection } from './directory-file.ts'
import type { DirectoryPlanResult, DirectorySnapshot, ValidatedRows } from './directory-plan.ts'
import { directoryReferences } from './directory-references.ts'
import { checkPlatformDistricts, checkStationDistricts } from './district-rules.ts'
import { entityChanges, sameArea, samePlatform, sameStation } from './entity-changes.ts'
import { planCoverage } from './plan-coverage.ts'
import { planLiaisonGrids } from './plan-liaison-grids.ts'
import { checkStationKinds } from './station-kind-rule.ts'
import { byLine } from './validate-directory-rows.ts'

/**
 * Applies the cross-row rules to rows that passed their schema, against what is stored, and plans the writes.
 * Rules: codes are unique; areas form one tree under one CITY (area-tree-rules.ts); stations and platforms sit in
 * a DISTRICT (district-rules.ts); coverage names known stations and areas (plan-coverage.ts); liaison grids are
 * GRIDs under an area the station covers, and rows for people without a liaison membership yet are skipped with
 * a warning (plan-liaison-grids.ts).
 */
export function planDirectoryImport(rows: ValidatedRows, snapshot: DirectorySnapshot): DirectoryPlanResult {
  const errors: DirectoryIssue[] = []
  const warnings: DirectoryIssue[] = []
  const error = (issue: DirectoryIssue) => errors.push(issue)

  const areas = firstByKey(rows.areas, (row) => row.code, 'areas', 'area code', error)
  const stations = firstByKey(rows.stations, (row) => row.code, 'stations', 'station code', error)
  const platforms = firstByKey(rows.platforms, (row) => row.code, 'platforms', 'platform code', error)
  const references = directoryReferences(rows, snapshot, { areas, stations }, error)

  checkAreaTree(areas.values(), snapshot, references)
  checkStationDistricts(stations.values(), references)
  checkStationKinds(stations.values(), snapshot, error)
  const coverage = planCoverage(rows.coverage, snapshot, references)
  checkPlatformDistricts(platforms.values(), references)
  const grids = planLiaisonGrids(rows.liaisonGrids, snapshot, coverage.fileCoverage, references, (issue) =>
    warnings.push(issue),
  )

  if (errors.length > 0) return { ok: false, errors: byLine(errors), warnings: byLine(warnings) }
  return {
    ok: true,
    warnings: byLine(warnings),
    plan: {
      areas: entityChanges(
        [...areas.values()].sort((a, b) => compareAreaLevels(a.level, b.level)),
        snapshot.areas,
        sameArea,
      ),
      stations: entityChanges([...stations.values()], snapshot.stations, sameStation),
      platforms: entityChanges([...platforms.values()], snapshot.platforms, samePlatform),
      coverage: { create: coverage.create, unchanged: coverage.unchanged },
      liaisonGrids: grids,
    },
  }
}

/** The first row of each key; a later row with the same key is reported as a duplicate. */
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
