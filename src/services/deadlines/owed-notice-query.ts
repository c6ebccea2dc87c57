import type { Database, Prisma } from '../../db/client.ts'
import { NOTICE_DELIVERED, NOTICE_GIVING_ACTIONS, NOTICE_UNDELIVERED } from '../../domain/deadlines/owed-notice.ts'

type Db = Database | Prisma.TransactionClient

const quoted = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ')

/**
 * SQL, over the complaint `c`: the notice owed after its ending was given. Either the consumer-status message of an
 * ending event was delivered (its outbox entry is done and no NOTICE_UNDELIVERED event names it: a consumer who
 * blocked the bot got nothing), or after that ending the bureau recorded telling them another way (RECORD_NOTICE), or
 * the message reached them once they unblocked the bot (NOTICE_DELIVERED).
 */
export const NOTICE_GIVEN_SQL = `EXISTS (
      SELECT 1 FROM complaint_event e
      WHERE e.complaint_id = c.id AND e.action IN (${quoted(NOTICE_GIVING_ACTIONS)})
        AND (
          (EXISTS (SELECT 1 FROM outbox_entry o WHERE o.job_id = 'consumer-status-' || e.id::text AND o.status = 'DONE')
            AND NOT EXISTS (SELECT 1 FROM complaint_event u WHERE u.complaint_id = c.id
                              AND u.action = '${NOTICE_UNDELIVERED}' AND u.data->>'eventId' = e.id::text))
          OR EXISTS (SELECT 1 FROM complaint_event r WHERE r.complaint_id = c.id
                       AND r.action IN ('RECORD_NOTICE', '${NOTICE_DELIVERED}') AND r.id > e.id)
        )
    )`

/**
 * SQL, over the complaint `c`: a notice is owed and not yet given (a complaint whose mediation was terminated, a
 * named reporter's report after the filing decision; an anonymous report has no notice date and owes nothing).
 */
export const NOTICE_OWED_SQL = `(
    CASE
      WHEN c.kind = 'COMPLAINT' AND c.status = 'MEDIATION_ENDED' THEN c.termination_notice_due_on IS NOT NULL
      WHEN c.kind = 'REPORT' AND c.status IN ('CASE_FILED', 'NOT_FILED') THEN c.reporter_notice_due_on IS NOT NULL
      ELSE false
    END
    AND NOT ${NOTICE_GIVEN_SQL}
  )`

/**
 * SQL, over the complaint `c`: a notice is owed and the bot's message could not deliver it (a NOTICE_UNDELIVERED
 * event): the station must give it another way, and its card offers RECORD_NOTICE.
 */
export const NOTICE_UNDELIVERED_SQL = `(${NOTICE_OWED_SQL}
    AND EXISTS (SELECT 1 FROM complaint_event u WHERE u.complaint_id = c.id AND u.action = '${NOTICE_UNDELIVERED}'))`

/** Where the notice owed after a ticket's ending stands. */
export interface NoticeStanding {
  /** Owed and not given yet. */
  owed: boolean
  /** Owed, and the bot's message could not deliver it. */
  undelivered: boolean
}

/** Where the complaint's notice stands (see {@link NOTICE_OWED_SQL} and {@link NOTICE_UNDELIVERED_SQL}). */
export async function noticeStanding(db: Db, complaintId: string): Promise<NoticeStanding> {
  const rows = await db.$queryRawUnsafe<NoticeStanding[]>(
    `SELECT ${NOTICE_OWED_SQL} AS owed, ${NOTICE_UNDELIVERED_SQL} AS undelivered FROM complaint c WHERE c.id = $1`,
    complaintId,
  )
  return { owed: rows[0]?.owed === true, undelivered: rows[0]?.undelivered === true }
}

/** A notice left undelivered: the complaint, its ending event, and the NOTICE_UNDELIVERED event about it. */
export interface UndeliveredNotice {
  complaintId: string
  endingEventId: string
  undeliveredEventId: string
}

/** The consumer's complaints whose owed notice the bot could not deliver (see {@link NOTICE_UNDELIVERED_SQL}). */
export async function undeliveredNoticesOf(db: Db, consumerId: number): Promise<UndeliveredNotice[]> {
  return db.$queryRawUnsafe<UndeliveredNotice[]>(
    `SELECT c.id AS "complaintId", u.data->>'eventId' AS "endingEventId", u.id::text AS "undeliveredEventId"
     FROM complaint c
     JOIN LATERAL (SELECT e.id, e.data FROM complaint_event e WHERE e.complaint_id = c.id
                     AND e.action = '${NOTICE_UNDELIVERED}' ORDER BY e.id DESC LIMIT 1) u ON true
     WHERE c.consumer_id = $1 AND ${NOTICE_UNDELIVERED_SQL}`,
    consumerId,
  )
}
