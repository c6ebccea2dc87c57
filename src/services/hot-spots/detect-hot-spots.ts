import type { Database } from '../../db/client.ts'
import {
  HOT_SPOT_KINDS,
  type HotSpotPattern,
  type HotSpotRule,
  hotSpotPatternsOf,
  isHotSpot,
  windowStart,
} from '../../domain/hot-spots/hot-spot-rule.ts'
import type { HotSpotSuggestion } from '../../generated/prisma/client.ts'

/** Complaints of a pattern since a time; the business name is normalized as businessKey() does. */
async function complaintsOfPattern(db: Database, pattern: HotSpotPattern, from: Date, to: Date): Promise<number> {
  const kinds = [...HOT_SPOT_KINDS]
  const rows =
    pattern.kind === 'BUSINESS'
      ? await db.$queryRaw<Array<{ count: bigint }>>`
          SELECT count(*) AS count FROM complaint
          WHERE kind::text = ANY(${kinds}) AND submitted_at >= ${from} AND submitted_at <= ${to}
            AND regexp_replace(lower(normalize(respondent_name, NFKC)), '\\s+', '', 'g') = ${pattern.nameKey}
            AND CASE WHEN ${pattern.districtCode}::text IS NULL THEN (is_online OR area_code IS NULL)
                     ELSE (NOT is_online AND left(area_code, 6) = ${pattern.districtCode}) END`
      : await db.$queryRaw<Array<{ count: bigint }>>`
          SELECT count(*) AS count FROM complaint
          WHERE kind::text = ANY(${kinds}) AND submitted_at >= ${from} AND submitted_at <= ${to}
            AND NOT is_online AND left(area_code, 9) = ${pattern.streetCode}
            AND category_code = ${pattern.categoryCode}`
  return Number(rows[0]?.count ?? 0)
}

/**
 * Looks at the patterns a routed complaint belongs to and records a suggestion for each that it made hot, unless
 * the pattern was suggested within the window already. Returns the suggestions this complaint made that are not
 * posted yet, also those recorded by an earlier attempt that died before posting them.
 *
 * Each pattern is decided under a transaction-scoped advisory lock on its key, so two workers routing the fifth and
 * sixth complaint at the same moment record one suggestion, not two.
 */
export async function detectHotSpots(
  db: Database,
  input: { complaintId: string; stationId: string; rule: HotSpotRule; now?: Date },
): Promise<HotSpotSuggestion[]> {
  const now = input.now ?? new Date()
  const complaint = await db.complaint.findUnique({
    where: { id: input.complaintId },
    select: { kind: true, respondentName: true, areaCode: true, isOnline: true, categoryCode: true, submittedAt: true },
  })
  if (!complaint) return []
  const from = windowStart(now, input.rule)
  for (const pattern of hotSpotPatternsOf(complaint)) {
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${pattern.key}))`
      const recent = await tx.hotSpotSuggestion.findFirst({
        where: { patternKey: pattern.key, createdAt: { gt: from } },
        select: { id: true },
      })
      if (recent) return
      const count = await complaintsOfPattern(tx as unknown as Database, pattern, from, now)
      if (!isHotSpot(count, input.rule)) return
      await tx.hotSpotSuggestion.create({
        data: {
          patternKey: pattern.key,
          kind: pattern.kind,
          businessName: pattern.kind === 'BUSINESS' ? pattern.businessName : null,
          districtCode: pattern.kind === 'BUSINESS' ? pattern.districtCode : null,
          categoryCode: pattern.kind === 'CATEGORY_STREET' ? pattern.categoryCode : null,
          streetCode: pattern.kind === 'CATEGORY_STREET' ? pattern.streetCode : null,
          complaintCount: count,
          windowDays: input.rule.windowDays,
          stationId: input.stationId,
          triggeredBy: input.complaintId,
          createdAt: now,
        },
      })
    })
  }
  return db.hotSpotSuggestion.findMany({
    where: { triggeredBy: input.complaintId, postedAt: null },
    orderBy: { createdAt: 'asc' },
  })
}
