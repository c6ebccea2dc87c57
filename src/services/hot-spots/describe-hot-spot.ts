import type { Database } from '../../db/client.ts'
import type { HotSpotSuggestion } from '../../generated/prisma/client.ts'
import type { Locale } from '../../i18n/locales.ts'

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

/** The area and its parents up to the district, outermost first. */
async function areaPath(db: Database, code: string) {
  const path: Array<{ name: string; nameEn: string | null }> = []
  let next: string | null = code
  while (next) {
    const area: { name: string; nameEn: string | null; parentCode: string | null; level: string } | null =
      await db.area.findUnique({
        where: { code: next },
        select: { name: true, nameEn: true, parentCode: true, level: true },
      })
    if (!area) break
    path.unshift({ name: area.name, nameEn: area.nameEn })
    next = area.level === 'DISTRICT' ? null : area.parentCode
  }
  return path
}
