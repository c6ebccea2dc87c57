import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'
import type { ComplaintKind } from '../../domain/lifecycle/kinds.ts'
import type { AreaRef, BusinessPlace, CoverageLookup, StationRef } from '../../domain/routing/routing-decision.ts'

/** What routing reads about the complaint itself. */
export interface ComplaintToRoute {
  id: string
  status: string
  kind: ComplaintKind
}

/** Everything routing needs to decide, read in one query. */
export interface RoutingContext {
  complaint: ComplaintToRoute
  place: BusinessPlace
  lookup: CoverageLookup
  /** The liaison who looks after the business's grid, when exactly one active liaison does. */
  liaisonId: number | null
}

type StationRow = StationRef & {
  source: 'coverage' | 'county' | 'city'
  areaCode: string | null
  districtCode: string | null
}

interface ContextRow {
  id: string
  status: string
  kind: ComplaintKind
  isOnline: boolean
  platformName: string | null
  chain: AreaRef[] | null
  platformDistrict: string | null
  stations: StationRow[] | null
  liaisons: number[] | null
}

/** $1 the complaint id. */
const ROUTING_CONTEXT: PreparedStatement = {
  name: 'routing-context',
  text: `
    WITH RECURSIVE c AS (
      SELECT id, status::text AS status, kind::text AS kind, is_online, area_code, platform_code, platform_name FROM complaint WHERE id = $1
    ), chain AS (
      SELECT a.code, a.level, a.parent_code, 0 AS depth FROM area a JOIN c ON a.code = c.area_code
      UNION ALL
      SELECT a.code, a.level, a.parent_code, ch.depth + 1 FROM chain ch JOIN area a ON a.code = ch.parent_code WHERE ch.depth < 10
    ), platform_district AS (
      SELECT COALESCE(
        (SELECT p.district_code FROM platform p JOIN c ON c.is_online AND p.code = c.platform_code),
        (SELECT p.district_code FROM platform p JOIN c ON c.is_online
          WHERE lower(p.name) = lower(c.platform_name) OR c.platform_name = ANY(p.aliases) ORDER BY p.code LIMIT 1)
      ) AS code
    ), districts AS (
      SELECT code FROM chain WHERE level = 'DISTRICT' UNION SELECT code FROM platform_district WHERE code IS NOT NULL
    ), stations AS (
      SELECT 'coverage' AS source, sc.area_code AS "areaCode", s.district_code AS "districtCode", s.id, s.code, s.kind::text AS kind, s.chat_id IS NOT NULL AS bound, sc.created_at AS ordered
        FROM station_coverage sc JOIN station s ON s.id = sc.station_id
       WHERE sc.area_code IN (SELECT code FROM chain)
      UNION ALL
      SELECT 'county', NULL, s.district_code, s.id, s.code, s.kind::text, s.chat_id IS NOT NULL, s.created_at
        FROM station s WHERE s.kind = 'COUNTY_CENTER' AND s.district_code IN (SELECT code FROM districts)
      UNION ALL
      (SELECT 'city', NULL, s.district_code, s.id, s.code, s.kind::text, s.chat_id IS NOT NULL, s.created_at
         FROM station s WHERE s.kind = 'CITY_CENTER' ORDER BY s.created_at LIMIT 1)
    ), liaisons AS (
      SELECT m.person_id FROM liaison_grid g JOIN membership m ON m.id = g.membership_id
       WHERE g.area_code = (SELECT code FROM chain WHERE level = 'GRID' ORDER BY depth LIMIT 1) AND m.role = 'LIAISON' AND m.revoked_at IS NULL
       LIMIT 2
    )
    SELECT c.id, c.status, c.kind, c.is_online AS "isOnline", c.platform_name AS "platformName",
      (SELECT json_agg(json_build_object('code', code, 'level', level) ORDER BY depth) FROM chain) AS chain,
      (SELECT code FROM platform_district) AS "platformDistrict",
      (SELECT json_agg(json_build_object('source', source, 'areaCode', "areaCode", 'districtCode', "districtCode", 'id', id, 'code', code, 'kind', kind, 'bound', bound) ORDER BY ordered) FROM stations) AS stations,
      (SELECT array_agg(person_id) FROM liaisons) AS liaisons
    FROM c`,
}

/**
 * Loads, in ONE query, the complaint and what routing needs to know about its place: the area chain (of the shop in
 * person, or of the address an online shop shows), the platform's district of an online shop (picked by code or
 * matched by name and aliases), the
 * stations covering each area of the chain (oldest coverage first), the county centers of the districts involved
 * (oldest first), the city center, and the active liaisons of the grid. Undefined when there is no such complaint.
 */
export async function loadRoutingContext(db: Database, complaintId: string): Promise<RoutingContext | undefined> {
  const rows = await queryRows<ContextRow>(db, ROUTING_CONTEXT, [complaintId])
  const row = rows[0]
  if (!row) return undefined
  const chain = row.chain ?? []
  // An online shop's area is where the address it shows on the platform lies (none when not in the city).
  const place: BusinessPlace = row.isOnline
    ? {
        type: 'online',
        platformName: row.platformName ?? '',
        platformDistrict: row.platformDistrict ? { code: row.platformDistrict, level: 'DISTRICT' } : undefined,
        shopChain: chain.length > 0 ? chain : undefined,
      }
    : chain.length > 0
      ? { type: 'area', chain }
      : { type: 'unknown' }
  const liaisons = row.liaisons ?? []
  return {
    complaint: { id: row.id, status: row.status, kind: row.kind },
    place,
    lookup: coverageLookup(row.stations ?? []),
    liaisonId: liaisons.length === 1 ? (liaisons[0] ?? null) : null,
  }
}

const toRef = (station: StationRow): StationRef => ({
  id: station.id,
  code: station.code,
  kind: station.kind,
  bound: station.bound,
})

function coverageLookup(rows: readonly StationRow[]): CoverageLookup {
  const coverages = rows.filter((row) => row.source === 'coverage')
  const centers = rows.filter((row) => row.source === 'county')
  const city = rows.find((row) => row.source === 'city')
  return {
    // A bound station beats an unbound one covering the same area.
    coveringStations: (code) =>
      coverages
        .filter((coverage) => coverage.areaCode === code)
        .map(toRef)
        .sort((a, b) => Number(b.bound) - Number(a.bound)),
    countyCenter: (district) => {
      const center = centers.find((station) => station.districtCode === district)
      return center && toRef(center)
    },
    cityCenter: () => (city ? toRef(city) : undefined),
  }
}
