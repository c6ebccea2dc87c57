import type { Database } from '../../db/client.ts'
import { loadActor, requireStationStaff } from '../access/access-policy.ts'
import { loadWarningAuthority, mayTarget } from '../warnings/warning-authority.ts'
import type { WarningPrefill } from '../warnings/warning-drafts.ts'
import { describeHotSpot, type Translate } from './describe-hot-spot.ts'

/** What the "draft a warning" button of a hot-spot suggestion opens the composer with. */
export type HotSpotDraft = { status: 'ok'; prefill: WarningPrefill } | { status: 'stale' } | { status: 'forbidden' }

/**
 * The prefilled warning of a suggestion, for staff of the station it was offered to or an admin: its area, its
 * category and a draft text naming the pattern (the business, or the category and street), never a complainant.
 * The area is the street (or the district of a business) where the presser may target it, otherwise the parts of
 * it their station covers (a community station offered a street's hot spot warns its own community). The composer
 * checks every area again.
 */
export async function hotSpotDraft(
  db: Database,
  zhCN: Translate,
  personId: number,
  suggestionId: string,
): Promise<HotSpotDraft> {
  const suggestion = await db.hotSpotSuggestion.findUnique({ where: { id: suggestionId } })
  if (!suggestion) return { status: 'stale' }
  if (!requireStationStaff(await loadActor(db, personId), suggestion.stationId).ok) return { status: 'forbidden' }
  const words = await describeHotSpot(db, zhCN, 'zh-CN', suggestion)
  const area = suggestion.streetCode ?? suggestion.districtCode
  const authority = await loadWarningAuthority(db, personId)
  let areaCodes: string[] = []
  if (area && (await mayTarget(db, authority, area))) areaCodes = [area]
  else if (area && authority.status === 'staff') areaCodes = authority.roots.filter((root) => root.startsWith(area))
  return {
    status: 'ok',
    prefill: {
      areaCodes,
      ...(suggestion.categoryCode ? { categoryCode: suggestion.categoryCode } : {}),
      textZhCN: zhCN(`hotspots:draftText.${suggestion.kind}`, {
        business: words.business ?? '',
        area: words.area,
        category: words.category ?? '',
      }),
    },
  }
}
