import type { Database } from '../../db/client.ts'
import type { HotSpotSuggestion } from '../../generated/prisma/client.ts'
import type { Locale } from '../../i18n/locales.ts'
import { areaAndAncestors } from '../warnings/warning-authority.ts'

/** A translation function (i18next's, or one fixed to a language). */
export type Translate = (key: string, options?: Record<string, unknown>) => string

/** A hot spot in words: the business, the area (street or district, with its parents) and the category. */
export interface HotSpotWords {
  business: string | null
  area: string
  category: string | null
}

export async function describeHotSpot(
  db: Database,
  t: Translate,
  locale: Locale,
  suggestion: Pick<HotSpotSuggestion, 'businessName' | 'districtCode' | 'streetCode' | 'categoryCode'>,
): Promise<HotSpotWords> {
  const code = suggestion.streetCode ?? suggestion.districtCode
  const areas = code ? await areaPath(db, code) : []
  const english = locale === 'en'
  const names = areas.map((area) => (english ? (area.nameEn ?? area.name) : area.name))
  return {
    business: suggestion.businessName,
    area: names.length > 0 ? names.join(english ? ', ' : '') : t('hotspots:suggestion.online'),
    category: suggestion.categoryCode ? t(`categories:${suggestion.categoryCode}`) : null,
  }
}

/** The area and its parents up to the district, outermost first: one recursive query, one read of the names. */
async function areaPath(db: Database, code: string) {
  const chain = await areaAndAncestors(db, code)
  const areas = await db.area.findMany({
    where: { code: { in: chain }, level: { not: 'CITY' } },
    select: { code: true, name: true, nameEn: true },
  })
  const byCode = new Map(areas.map((area) => [area.code, area]))
  return chain
    .map((ancestor) => byCode.get(ancestor))
    .filter((area) => area !== undefined)
    .reverse()
}
