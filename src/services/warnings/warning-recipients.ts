// Who a warning reaches: every reachable subscriber of one of its areas, of an area above one (a street's
// subscribers hear about a community in it) or below one (a district's warning reaches its communities).
import { type Database, Prisma } from '../../db/client.ts'
import { topicsReached } from '../../domain/warnings/topics.ts'

/** A warning's target, as it decides the recipients. */
export interface WarningTarget {
  areaCodes: readonly string[]
  categoryCode: string | null
}

/** One row per recipient: the person, their private chat and the first subscription of theirs that matched. */
function recipientsSql(target: WarningTarget): Prisma.Sql {
  const topics = topicsReached(target.categoryCode) ?? null
  return Prisma.sql`
    WITH RECURSIVE targets AS (
      SELECT code FROM area WHERE code = ANY(${[...target.areaCodes]}::text[])
    ), down AS (
      SELECT code, 0 AS depth FROM targets
      UNION ALL
      SELECT a.code, down.depth + 1 FROM down JOIN area a ON a.parent_code = down.code WHERE down.depth < 10
    ), up AS (
      SELECT a.code, a.parent_code, 0 AS depth FROM area a JOIN targets t ON a.code = t.code
      UNION ALL
      SELECT a.code, a.parent_code, up.depth + 1 FROM up JOIN area a ON a.code = up.parent_code WHERE up.depth < 10
    ), reached AS (SELECT code FROM down UNION SELECT code FROM up)
    SELECT DISTINCT ON (s.person_id) s.person_id, s.id AS subscription_id, p.telegram_id
      FROM warning_subscription s JOIN person p ON p.id = s.person_id
     WHERE s.area_code IN (SELECT code FROM reached) AND p.reachable
       AND (${topics}::text[] IS NULL OR cardinality(s.categories) = 0 OR s.categories && ${topics}::text[])
     ORDER BY s.person_id, s.id`
}

/** How many people a warning with this target would reach now (the preview's figure). */
export async function countRecipients(db: Database, target: WarningTarget): Promise<number> {
  if (target.areaCodes.length === 0) return 0
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM (${recipientsSql(target)}) r`
  return row?.n ?? 0
}

/**
 * Writes one pending delivery per recipient of the warning (in the confirming transaction): the broadcast's
 * ledger, fixed at confirmation, so that the preview's count is what is sent and a resumed broadcast knows who
 * is left. Returns how many.
 */
export async function recordRecipients(
  tx: Prisma.TransactionClient,
  warningId: number,
  target: WarningTarget,
): Promise<number> {
  if (target.areaCodes.length === 0) return 0
  return tx.$executeRaw`
    INSERT INTO warning_delivery (warning_id, chat_id, person_id, subscription_id)
    SELECT ${warningId}, r.telegram_id, r.person_id, r.subscription_id FROM (${recipientsSql(target)}) r
    ON CONFLICT DO NOTHING`
}
