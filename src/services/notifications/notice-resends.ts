import type { Database } from '../../db/client.ts'
import { undeliveredNoticesOf } from '../deadlines/owed-notice-query.ts'
import { type Outbox, recordOutboxJobs } from '../outbox/outbox.ts'
import { consumerStatus } from './kinds/consumer-status.ts'
import { notificationJobOf } from './notification-kind.ts'

/**
 * The notices a consumer's tickets still owe because the bot could not deliver them (they had blocked it): once the
 * consumer unblocks the bot, each status message carrying one is sent again. One that arrives stops its clock
 * (NOTICE_DELIVERED); the station may have given the notice another way meanwhile, which the query leaves out.
 */
export function createNoticeResends(deps: { db: Database; outbox: Outbox }) {
  return {
    /** Sends the undelivered notices again; returns how many. */
    async resendTo(consumerId: number): Promise<number> {
      const owed = await undeliveredNoticesOf(deps.db, consumerId)
      const jobs = owed.map((notice) =>
        notificationJobOf(consumerStatus, {
          type: 'consumer-status',
          complaintId: notice.complaintId,
          eventId: notice.endingEventId,
          resendOf: notice.undeliveredEventId,
        }),
      )
      if (jobs.length === 0) return 0
      await recordOutboxJobs(deps.db, jobs)
      await deps.outbox.dispatch(jobs)
      return jobs.length
    },
  }
}
