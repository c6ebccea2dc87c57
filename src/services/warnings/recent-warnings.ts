// The recent warnings of a consumer's areas, for /warnings.
import type { Database } from '../../db/client.ts'

export interface RecentWarning {
  id: number
  sentAt: Date
  textZhCn: string
  textEn: string | null
  areaCodes: string[]
}

/**
 * Warnings sent in the last `days` days to an area the person subscribes to, above or below it (a street's
 * subscriber sees a warning for a community in it and one for the whole district), newest first.
 */
export async function recentWarnings(db: Database, personId: number, limit = 5, days = 90): Promise<RecentWarning[]> {
  const since = new Date(Date.now() - days * 24 * 3600 * 1000)
  const rows = await db.$queryRaw<
    { id: number; confirmed_at: Date; text_zh_cn: string; text_en: string | null; area_codes: string[] }[]
  >`
    WITH RECURSIVE mine AS (
      SELECT area_code AS code FROM warning_subscription WHERE person_id = ${personId}
    ), down AS (
      SELECT code, 0 AS depth FROM mine
      UNION ALL
      SELECT a.code, down.depth + 1 FROM down JOIN area a ON a.parent_code = down.code WHERE down.depth < 10
    ), up AS (
      SELECT a.code, a.parent_code, 0 AS depth FROM area a JOIN mine m ON a.code = m.code
      UNION ALL
      SELECT a.code, a.parent_code, up.depth + 1 FROM up JOIN area a ON a.code = up.parent_code WHERE up.depth < 10
    )
    SELECT w.id, w.confirmed_at, w.text_zh_cn, w.text_en, w.area_codes FROM warning w
     WHERE w.status IN ('SENDING', 'PAUSED', 'DONE') AND w.confirmed_at >= ${since}
       AND w.area_codes && ARRAY(SELECT code FROM down UNION SELECT code FROM up)
     ORDER BY w.confirmed_at DESC LIMIT ${limit}`
  return rows.map((row) => ({
    id: row.id,
    sentAt: row.confirmed_at,
    textZhCn: row.text_zh_cn,
    textEn: row.text_en,
    areaCodes: row.area_codes,
  }))
}
