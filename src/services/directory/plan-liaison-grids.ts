import type { DirectoryIssue, LiaisonGridRow } from './directory-file.ts'
import { type DirectorySnapshot, type LiaisonGridLink, type Located, liaisonKey } from './directory-plan.ts'
import { type DirectoryReferences, NOT_FOUND } from './directory-references.ts'

/** The liaison grids to create, how many are stored already, and how many were skipped with a warning. */
interface LiaisonGridPlan {
  create: LiaisonGridLink[]
  unchanged: number
  skipped: number
}

/**
 * Checks the liaison grid rows (known stations, GRIDs under an area the station covers, no grid twice) and plans
 * the links not stored yet. Rows for people or memberships that do not exist yet are skipped with a warning,
 * because roles are granted by invites, not by files.
 */
export function planLiaisonGrids(
  rows: Iterable<Located<LiaisonGridRow>>,
  snapshot: DirectorySnapshot,
  fileCoverage: ReadonlyMap<string, ReadonlySet<string>>,
  { areas, stations, rejectedArea, rejectedStation, error }: DirectoryReferences,
  warn: (issue: DirectoryIssue) => void,
): LiaisonGridPlan {
  const plan: LiaisonGridPlan = { create: [], unchanged: 0, skipped: 0 }
  const seenGrids = new Map<string, number>()
  const coveredBy = (stationCode: string, areaCode: string): boolean => {
    const covered = new Set([...(snapshot.coverage.get(stationCode) ?? []), ...(fileCoverage.get(stationCode) ?? [])])
    for (let code: string | null = areaCode, depth = 0; code !== null && depth < 8; depth += 1) {
      if (covered.has(code)) return true
      code = areas.get(code)?.parentCode ?? null
    }
    return false
  }
  for (const row of rows) {
    const stationKnown = stations.has(row.stationCode)
    if (!stationKnown && !rejectedStation(row.stationCode))
      error({
        line: row.line,
        section: 'liaisonGrids',
        field: 'stationCode',
        value: row.stationCode,
        message: `unknown station: ${NOT_FOUND}`,
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
      const area = areas.get(gridCode)
      if (!area) {
        if (!rejectedArea(gridCode))
          error({
            line: row.line,
            section: 'liaisonGrids',
            field: 'gridCodes',
            value: gridCode,
            message: `unknown grid: ${NOT_FOUND}`,
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
      warn({
        line: row.line,
        section: 'liaisonGrids',
        field: 'telegramId',
        value: String(row.telegramId),
        message: `${message}; row skipped`,
      })
      plan.skipped += grids.length
    }
    if (!snapshot.people.has(row.telegramId)) skip('nobody with this Telegram id has started the bot yet')
    else if (!membership)
      skip(`not a liaison of station ${row.stationCode}: invite them first (admin invite --role liaison)`)
    else if (!membership.active)
      skip(`their liaison membership at station ${row.stationCode} was revoked: invite them again`)
    else {
      for (const gridCode of grids) {
        if (membership.gridCodes.has(gridCode)) plan.unchanged += 1
        else plan.create.push({ membershipId: membership.membershipId, areaCode: gridCode })
      }
    }
  }
  return plan
}
