// Who may send a warning where: station staff to the areas their station covers and below, admins anywhere.
import type { Database } from '../../db/client.ts'

/** What a person may target, loaded from the database for every step (button data is never authority). */
export type WarningAuthority =
  | { status: 'admin' }
  /** `roots`: the areas the staff member's stations cover (their whole subtree may be targeted). */
  | { status: 'staff'; stationId: string; roots: string[] }
  | { status: 'none' }

/** The person's authority to send warnings: an admin's, a station staff member's, or none. */
export async function loadWarningAuthority(db: Database, personId: number): Promise<WarningAuthority> {
  const memberships = await db.membership.findMany({
    where: { personId, revokedAt: null, role: { in: ['ADMIN', 'STAFF'] } },
    include: { station: { include: { coverages: true } } },
    orderBy: { id: 'asc' },
  })
  if (memberships.some((m) => m.role === 'ADMIN')) return { status: 'admin' }
  const first = memberships[0]
  if (!first) return { status: 'none' }
  const roots = new Set<string>()
  for (const { station } of memberships) {
    for (const coverage of station.coverages) roots.add(coverage.areaCode)
    // A 12315 center covers its whole county (or city) without coverage rows of its own.
    if ((station.kind === 'COUNTY_CENTER' || station.kind === 'CITY_CENTER') && station.districtCode)
      roots.add(station.districtCode)
  }
  return { status: 'staff', stationId: first.stationId, roots: [...roots].sort() }
}

/** The area and its ancestors (the area first); empty when there is no such area. */
export async function areaAndAncestors(db: Database, code: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ code: string }[]>`
    WITH RECURSIVE up AS (
      SELECT code, parent_code, 0 AS depth FROM area WHERE code = ${code}
      UNION ALL
      SELECT a.code, a.parent_code, up.depth + 1 FROM up JOIN area a ON a.code = up.parent_code WHERE up.depth < 10
    ) SELECT code FROM up ORDER BY depth`
  return rows.map((row) => row.code)
}

/** Whether the authority may target `code`: an existing area, and for staff one within their stations' areas. */
export async function mayTarget(db: Database, authority: WarningAuthority, code: string): Promise<boolean> {
  if (authority.status === 'none') return false
  const chain = await areaAndAncestors(db, code)
  if (chain.length === 0) return false
  return authority.status === 'admin' || chain.some((area) => authority.roots.includes(area))
}
