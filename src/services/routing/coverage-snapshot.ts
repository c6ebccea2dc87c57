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

/** Loads, in three queries, everything routing needs to know about the places involved. */
export async function loadCoverage(db: Database, areaCodes: readonly string[], districtCodes: readonly string[]): Promise<CoverageLookup> {
  const [coverages, centers, city] = await Promise.all([
    db.stationCoverage.findMany({ where: { areaCode: { in: [...areaCodes] } }, include: { station: true }, orderBy: { createdAt: 'asc' } }),
    db.station.findMany({ where: { kind: 'COUNTY_CENTER', districtCode: { in: [...districtCodes] } }, orderBy: { createdAt: 'asc' } }),
    db.station.findFirst({ where: { kind: 'CITY_CENTER' }, orderBy: { createdAt: 'asc' } }),
  ])
  return {
    // A bound station beats an unbound one covering the same area.
    coveringStations: (code) =>
      coverages
        .filter((coverage) => coverage.areaCode === code)
        .map((coverage) => toRef(coverage.station))
        .sort((a, b) => Number(b.bound) - Number(a.bound)),
    countyCenter: (district) => {
      const center = centers.find((station) => station.districtCode === district)
      return center && toRef(center)
    },
    cityCenter: () => (city ? toRef(city) : undefined),
  }
}
