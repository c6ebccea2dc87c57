import type { DirectoryIssue, StationRow } from './directory-file.ts'
import type { DirectorySnapshot, Located } from './directory-plan.ts'

/**
 * A station keeps its kind: an import may not turn a liaison station into a 市场监管所 or back. The kind decides who
 * may take the formal acts on its tickets and whether their statutory clocks run (§12), and its open tickets were
 * received under the old one; a station of another kind is a new station, with a code of its own.
 */
export function checkStationKinds(
  stations: Iterable<Located<StationRow>>,
  snapshot: DirectorySnapshot,
  error: (issue: DirectoryIssue) => void,
): void {
  for (const row of stations) {
    const stored = snapshot.stations.get(row.code)
    if (!stored || stored.kind === row.kind) continue
    error({
      line: row.line,
      section: 'stations',
      field: 'kind',
      value: row.kind,
      message: `station ${row.code} is a ${stored.kind}; a station's kind is not changed by import (it decides who may act on its tickets and when their statutory clocks run): give the new station a code of its own`,
    })
  }
}
