import type { Database } from '../../db/client.ts'
import { type AreaLevel, isPlacedLevel } from '../../domain/directory/index.ts'
import { type NearestAreaResult, nearestArea } from '../../domain/intake-form/nearest-area.ts'

/** Buttons per page of an area list. */
export const AREAS_PER_PAGE = 8
/** The directory changes rarely (an import by an administrator); a short cache spares a query per button. */
const SNAPSHOT_TTL_MS = 30_000

export interface AreaChoice {
  code: string
  level: AreaLevel
  name: string
  nameEn: string | null
  parentCode: string | null
  hasChildren: boolean
}

export interface AreaPage {
  /** The area whose children these are; undefined for the top of the region. */
  parent: AreaChoice | undefined
  items: AreaChoice[]
  page: number
  pageCount: number
}

export interface PlatformChoice {
  code: string
  name: string
}

interface PlacedChoice extends AreaChoice {
  latitude: number
  longitude: number
}

interface Snapshot {
  loadedAt: number
  byCode: Map<string, AreaChoice>
  children: Map<string | null, AreaChoice[]>
  communities: PlacedChoice[]
  platforms: PlatformChoice[]
  /** The top of the region: the districts of the one city, or the cities when there are several. */
  roots: AreaChoice[]
}

/**
 * Where the business is: browsing the area directory (district → street → community → grid) page by page,
 * the community nearest to a shared location, and the known online platforms.
 */
export function createAreaPicker({ db }: { db: Database }) {
  let snapshot: Promise<Snapshot> | undefined
  let loadedAt = 0

  async function load(): Promise<Snapshot> {
    const [areas, platforms] = await Promise.all([
      db.area.findMany({
        orderBy: { code: 'asc' },
        select: {
          code: true,
          level: true,
          name: true,
          nameEn: true,
          parentCode: true,
          latitude: true,
          longitude: true,
        },
      }),
      db.platform.findMany({ orderBy: { code: 'asc' }, select: { code: true, name: true } }),
    ])
    const parents = new Set(areas.map((area) => area.parentCode))
    const byCode = new Map<string, AreaChoice>()
    const children = new Map<string | null, AreaChoice[]>()
    const communities: PlacedChoice[] = []
    for (const row of areas) {
      const choice: AreaChoice = {
        code: row.code,
        level: row.level,
        name: row.name,
        nameEn: row.nameEn,
        parentCode: row.parentCode,
        hasChildren: parents.has(row.code),
      }
      byCode.set(row.code, choice)
      const siblings = children.get(row.parentCode)
      if (siblings) siblings.push(choice)
      else children.set(row.parentCode, [choice])
      if (isPlacedLevel(row.level) && row.latitude !== null && row.longitude !== null)
        communities.push({ ...choice, latitude: row.latitude, longitude: row.longitude })
    }
    return { loadedAt: Date.now(), byCode, children, communities, platforms, roots: rootsOf(byCode, children) }
  }

  function current(): Promise<Snapshot> {
    if (!snapshot || Date.now() - loadedAt > SNAPSHOT_TTL_MS) {
      loadedAt = Date.now()
      snapshot = load().catch((error: unknown) => {
        snapshot = undefined
        throw error
      })
    }
    return snapshot
  }

  return {
    /** One page of the children of `parentCode` (undefined: the top of the region), ordered by code. */
    async children(parentCode: string | undefined, page = 0): Promise<AreaPage> {
      const data = await current()
      const all = parentCode === undefined ? data.roots : (data.children.get(parentCode) ?? [])
      const pageCount = Math.max(1, Math.ceil(all.length / AREAS_PER_PAGE))
      const safePage = Math.min(Math.max(0, page), pageCount - 1)
      return {
        parent: parentCode === undefined ? undefined : data.byCode.get(parentCode),
        items: all.slice(safePage * AREAS_PER_PAGE, (safePage + 1) * AREAS_PER_PAGE),
        page: safePage,
        pageCount,
      }
    },

    /** One area by code. */
    async area(code: string): Promise<AreaChoice | undefined> {
      return (await current()).byCode.get(code)
    },

    /** The area and its ancestors below the city, top first: 东坡区 › 通惠街道 › 诗书社区. */
    async path(code: string): Promise<AreaChoice[]> {
      const data = await current()
      const path: AreaChoice[] = []
      for (
        let area = data.byCode.get(code);
        area && area.level !== 'CITY';
        area = area.parentCode ? data.byCode.get(area.parentCode) : undefined
      ) {
        path.unshift(area)
        if (path.length > 10) break
      }
      return path
    },

    /** Whether a code is a level-1 choice, i.e. "up" from it returns to the top list. */
    async isRoot(code: string): Promise<boolean> {
      return (await current()).roots.some((area) => area.code === code)
    },

    /** The community nearest to a shared location (or the two nearest, when about equally near). */
    async nearestCommunity(
      latitude: number,
      longitude: number,
    ): Promise<NearestAreaResult<AreaChoice & { latitude: number; longitude: number }>> {
      return nearestArea(latitude, longitude, (await current()).communities)
    },

    /** The online platforms of the directory, for the "online shop" buttons. */
    async platforms(): Promise<PlatformChoice[]> {
      return (await current()).platforms
    },

    /** Drops the cached directory (after an import). */
    refresh(): void {
      snapshot = undefined
    },
  }
}

function rootsOf(byCode: Map<string, AreaChoice>, children: Map<string | null, AreaChoice[]>): AreaChoice[] {
  const cities = [...byCode.values()].filter((area) => area.level === 'CITY')
  if (cities.length === 1 && cities[0]) return children.get(cities[0].code) ?? []
  if (cities.length > 1) return cities
  // No city in the directory at all: the districts without a parent.
  return (children.get(null) ?? []).filter((area) => area.level === 'DISTRICT')
}

export type AreaPicker = ReturnType<typeof createAreaPicker>
