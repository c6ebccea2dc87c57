import type { Database } from '../../db/client.ts'
import { undeliveredNoticesOf } from '../deadlines/owed-notice-query.ts'
import { type Outbox, recordOutboxJobs } from '../outbox/outbox.ts'
import { consumerStatus } from './kinds/consumer-status.ts'
import { notificationJobOf } from './notification-kind.ts'

/**
 * What a consumer missed while they had blocked the bot, sent again once they unblock it (each with the header
 * saying so). A status message carrying a notice owed by law is sent again for as long as the notice is owed; one
 * that arrives stops its clock (NOTICE_DELIVERED), and the station may have given the notice another way meanwhile,
 * which the query leaves out. Of every other complaint, the latest status message, when it never arrived.
 */
export function createNoticeResends(deps: { db: Database; outbox: Outbox }) {
  return {
    /** Sends the undelivered notices and the missed latest statuses again; returns how many. */
    async resendTo(consumerId: number): Promise<number> {
      const owed = await undeliveredNoticesOf(deps.db, consumerId)
      const withNotice = new Set(owed.map((notice) => notice.complaintId))
      const missed = (await missedStatusesOf(deps.db, consumerId)).filter((m) => !withNotice.has(m.complaintId))
      const jobs = [
        ...owed.map((notice) =>
          notificationJobOf(consumerStatus, {
            type: 'consumer-status',
            complaintId: notice.complaintId,
            eventId: notice.endingEventId,
            resendOf: notice.undeliveredEventId,
          }),
        ),
        ...missed.map((status) =>
          notificationJobOf(consumerStatus, {
            type: 'consumer-status',
            complaintId: status.complaintId,
            eventId: status.eventId,
            resendOf: `missed-${status.eventId}`,
          }),
        ),
      ]
      if (jobs.length === 0) return 0
      await recordOutboxJobs(deps.db, jobs)
      await deps.outbox.dispatch(jobs)
      return jobs.length
    },
  }
}

/**
 * The consumer's complaints whose latest status message did not arrive: its job (found by its id, which names the
 * event) left no status message in their chat from then on, and no notice owed by law rides on it (those have a
 * NOTICE_UNDELIVERED event and are sent above).
 */
async function missedStatusesOf(db: Database, consumerId: number): Promise<{ complaintId: string; eventId: string }[]> {
  return db.$queryRawUnsafe(
    `SELECT c.id AS "complaintId", e.id::text AS "eventId"
     FROM complaint c
     JOIN LATERAL (
       SELECT e.id, o.created_at FROM complaint_event e
       JOIN outbox_entry o ON o.job_id = 'consumer-status-' || e.id::text AND o.status = 'DONE'
       WHERE e.complaint_id = c.id ORDER BY e.id DESC LIMIT 1) e ON true
     WHERE c.consumer_id = $1 AND c.origin_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM chat_message m WHERE m.complaint_id = c.id AND m.purpose = 'STATUS_UPDATE'
                         AND m.chat_id = (SELECT p.telegram_id FROM person p WHERE p.id = $1) AND m.created_at >= e.created_at)
       AND NOT EXISTS (SELECT 1 FROM complaint_event n WHERE n.complaint_id = c.id AND n.action = 'NOTICE_UNDELIVERED')`,
    consumerId,
  )
}
