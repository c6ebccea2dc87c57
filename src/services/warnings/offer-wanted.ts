/**
 * Whether to offer a consumer the warnings of an area after a filing, asked after every filing: the questions of
 * one event-loop turn go to PostgreSQL as one statement (DataLoader does the batching), in plain SQL on the pool
 * (src/db/sql.ts), as filing itself does. Measured: docs/performance.md.
 */
import DataLoader from 'dataloader'
import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'

interface OfferQuestion {
  personId: number
  areaCode: string
}

/**
 * For each (person $1[n], area $2[n]): no "no" on record for the person, and no subscription of theirs to the area or
 * to an area above it.
 */
const OFFER_WANTED: PreparedStatement = {
  name: 'warnings-offer-wanted',
  text: `WITH RECURSIVE asked AS (
           SELECT * FROM unnest($1::int[], $2::text[]) WITH ORDINALITY AS q(person_id, area_code, n)
         ), up AS (
           SELECT asked.n, asked.person_id, area.code, area.parent_code, 0 AS depth
             FROM asked JOIN area ON area.code = asked.area_code
           UNION ALL
           SELECT up.n, up.person_id, area.code, area.parent_code, up.depth + 1
             FROM up JOIN area ON area.code = up.parent_code WHERE up.depth < 10
         )
         SELECT asked.n::int AS n,
                NOT EXISTS (SELECT 1 FROM warning_offer_decline d WHERE d.person_id = asked.person_id)
                AND NOT EXISTS (
                  SELECT 1 FROM up JOIN warning_subscription s ON s.area_code = up.code AND s.person_id = up.person_id
                   WHERE up.n = asked.n
                ) AS wanted
           FROM asked`,
}

/** Questions per statement at most. */
const MAX_BATCH = 200

/** Asks whether the offer is wanted; the questions of one turn share a statement. */
export function createOfferWanted(db: Database): (personId: number, areaCode: string) => Promise<boolean> {
  const loader = new DataLoader<OfferQuestion, boolean>(
    async (questions) => {
      const rows = await queryRows<{ n: number; wanted: boolean }>(db, OFFER_WANTED, [
        questions.map((question) => question.personId),
        questions.map((question) => question.areaCode),
      ])
      const wanted = new Map(rows.map((row) => [row.n, row.wanted]))
      return questions.map((_, index) => wanted.get(index + 1) ?? new Error('offer question returned no row'))
    },
    { cache: false, maxBatchSize: MAX_BATCH },
  )
  return (personId, areaCode) => loader.load({ personId, areaCode })
}
