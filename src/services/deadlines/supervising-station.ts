import type { Database, Prisma } from '../../db/client.ts'
import { supervisingKind } from '../../domain/deadlines/supervision.ts'
import type { StationKind } from '../../domain/lifecycle/station-powers.ts'

type Db = Database | Prisma.TransactionClient

/**
 * The station that supervises an overdue ticket of a station (超期督办): the county center of the station's county
 * for a 所 or first-mile station, the city center of the county's city for a county center; null when there is none.
 */
export async function supervisingStationOf(
  db: Db,
  station: { kind: StationKind; districtCode: string | null },
): Promise<string | null> {
  const kind = supervisingKind(station.kind)
  if (!kind || !station.districtCode) return null
  let district = station.districtCode
  if (kind === 'CITY_CENTER') {
    const area = await db.area.findUnique({ where: { code: district }, select: { parentCode: true } })
    if (!area?.parentCode) return null
    district = area.parentCode
  }
  const supervisor = await db.station.findFirst({
    where: { kind, districtCode: district },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  })
  return supervisor?.id ?? null
}
