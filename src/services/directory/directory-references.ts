import type { AreaLevel } from '../../domain/directory/index.ts'
import type { DirectoryIssue, StationRow } from './directory-file.ts'
import type { DirectorySnapshot, ValidatedRows } from './directory-plan.ts'

/** What a cross-row rule looks a reference up in: the file's rows over what is stored, and where to report. */
export interface DirectoryReferences {
  /** Every area by code, the file's row over the stored one. */
  readonly areas: ReadonlyMap<string, { level: AreaLevel; parentCode: string | null }>
  /** Every station code, in the file or stored. */
  readonly stations: ReadonlySet<string>
  /** The file's stations by code (the first row of each code). */
  readonly fileStations: ReadonlyMap<string, StationRow>
  /** A reference to a row that failed its own schema is not an error of its own: fixing that row fixes it. */
  rejectedArea(code: string): boolean
  rejectedStation(code: string): boolean
  error(issue: DirectoryIssue): void
}

/** Said of a reference found nowhere. */
export const NOT_FOUND = 'neither in the file nor in the database'

/** The references of a file's rows (`areas`, `stations`: the first row of each code) against the snapshot. */
export function directoryReferences(
  rows: ValidatedRows,
  snapshot: DirectorySnapshot,
  file: {
    areas: ReadonlyMap<string, { level: AreaLevel; parentCode: string | null }>
    stations: ReadonlyMap<string, StationRow>
  },
  error: (issue: DirectoryIssue) => void,
): DirectoryReferences {
  const areas = new Map<string, { level: AreaLevel; parentCode: string | null }>(snapshot.areas)
  for (const [code, row] of file.areas) areas.set(code, row)
  const stations = new Set([...snapshot.stations.keys(), ...file.stations.keys()])
  return {
    areas,
    stations,
    fileStations: file.stations,
    rejectedArea: (code) => !areas.has(code) && rows.rejected.areas.has(code),
    rejectedStation: (code) => !stations.has(code) && rows.rejected.stations.has(code),
    error,
  }
}
