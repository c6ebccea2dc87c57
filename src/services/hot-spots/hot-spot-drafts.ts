import type { Database } from '../../db/client.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { loadActor, requireStationStaff } from '../access/access-policy.ts'
import { describeHotSpot } from './describe-hot-spot.ts'

/** What the "draft a warning" button of a hot-spot suggestion opens the composer with. */
export type HotSpotDraft =
  | { status: 'ok'; prefill: { areaCodes: string[]; categoryCode?: string; textZhCN: string } }
  | { status: 'stale' }
  | { status: 'forbidden' }

/**
 * The prefilled warning of a suggestion, for staff of the station it was offered to or an admin: its area, its
 * category and a draft text naming the pattern (the business or the category and street), never a complainant.
 * The composer checks every area against the presser's own powers again.
 */
export async function hotSpotDraft(
  db: Database,
  zhCN: TFunction,
  personId: number,
  suggestionId: string,
): Promise<HotSpotDraft> {
  const suggestion = await db.hotSpotSuggestion.findUnique({ where: { id: suggestionId } })
  if (!suggestion) return { status: 'stale' }
  if (!requireStationStaff(await loadActor(db, personId), suggestion.stationId).ok) return { status: 'forbidden' }
  const words = await describeHotSpot(db, zhCN, 'zh-CN', suggestion)
  const area = suggestion.streetCode ?? suggestion.districtCode
  return {
    status: 'ok',
    prefill: {
      areaCodes: area ? [area] : [],
      ...(suggestion.categoryCode ? { categoryCode: suggestion.categoryCode } : {}),
      textZhCN: zhCN(`hotspots:draftText.${suggestion.kind}`, {
        business: words.business ?? '',
        area: words.area,
        category: words.category ?? '',
      }),
    },
  }
}
