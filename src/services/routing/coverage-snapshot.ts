import type { AreaRef, CoverageLookup, StationRef } from '../../domain/routing/routing-decision.ts'
import type { Database } from '../../db/client.ts'

type StationRow = { id: string; code: string; kind: StationRef['kind']; chatId: bigint | null }

const toRef = (station: StationRow): StationRef => ({ id: station.id, code: station.code, kind: station.kind, bound: station.chatId !== null })

/** The area picked by the consumer and its ancestors, most specific first. */
export async function areaChain(db: Database, areaCode: string): Promise<AreaRef[]> {
  const rows = await db.$queryRaw<Array<{ code: string; level: AreaRef['level'] }>>`
    WITH RECURSIVE chain AS (
      SELECT code, level, parent_code, 0 AS depth FROM area WHERE code = ${areaCode}
      UNION ALL
      SELECT a.code, a.level, a.parent_code, c.depth + 1 FROM area a JOIN chain c ON a.code = c.parent_code WHERE c.depth < 10
    )
    SELECT code, level::text AS level FROM chain ORDER BY depth`
  return rows
}

type SnapshotRow = StationRow & { source: 'coverage' | 'county' | 'city'; areaCode: string | null; districtCode: string | null }

/**
 * Loads, in ONE query, everything routing needs to know about the places involved: the stations covering
 * each area (oldest coverage first), the county centers of the districts (oldest first) and the city center.
 */
export async function loadCoverage(db: Database, areaCodes: readonly string[], districtCodes: readonly string[]): Promise<CoverageLookup> {
  const rows = await db.$queryRaw<SnapshotRow[]>`
    (SELECT 'coverage' AS source, sc.area_code AS "areaCode", s.district_code AS "districtCode", s.id, s.code, s.kind::text AS kind, s.chat_id AS "chatId", sc.created_at AS ordered
       FROM station_coverage sc JOIN station s ON s.id = sc.station_id
      WHERE sc.area_code = ANY(${[...areaCodes]}::text[]))
    UNION ALL
    (SELECT 'county', NULL, s.district_code, s.id, s.code, s.kind::text, s.chat_id, s.created_at
       FROM station s WHERE s.kind = 'COUNTY_CENTER' AND s.district_code = ANY(${[...districtCodes]}::text[]))
    UNION ALL
    (SELECT 'city', NULL, s.district_code, s.id, s.code, s.kind::text, s.chat_id, s.created_at
       FROM station s WHERE s.kind = 'CITY_CENTER' ORDER BY s.created_at LIMIT 1)
    ORDER BY ordered`
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
