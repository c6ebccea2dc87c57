import type { Database, Prisma } from '../../db/client.ts'
import type { NoticeEvent } from '../../domain/deadlines/owed-notice.ts'
import type { ComplaintStatus } from '../../domain/lifecycle/index.ts'
import type { OutboxJob } from '../outbox/outbox.ts'
import { cardRefresh } from './kinds/card-refresh.ts'
import { notificationJobOf } from './notification-kind.ts'

/** What a status delivery writes when the notice its message carried did not reach the consumer, or did later. */
export interface NoticeEventRecord {
  /** The ticket's cards are refreshed: they offer RECORD_NOTICE while the notice is owed, and drop it after. */
  followUps: OutboxJob[]
  /** Appends the event, in the transaction that marks the delivery done. */
  record: (tx: Prisma.TransactionClient) => Promise<unknown>
}

/**
 * The NOTICE_UNDELIVERED or NOTICE_DELIVERED event (actor SYSTEM) about the status message of the ending event
 * `endingEventId`: the first keeps the notice's clock running, the second stops it
 * (services/deadlines/owed-notice-query.ts). Its id is taken from the sequence first, so that the card refresh it
 * calls for is recorded with the same done mark. One event per delivery job (`jobId`): a job run again writes none,
 * a notice sent again after the consumer unblocked the bot, and undelivered again, writes a new one.
 */
export async function noticeEvent(
  db: Database,
  event: { action: NoticeEvent; complaintId: string; endingEventId: string; status: ComplaintStatus; jobId: string },
): Promise<NoticeEventRecord> {
  const [reserved] = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT nextval(pg_get_serial_sequence('complaint_event', 'id'))::text AS id`,
  )
  if (!reserved) throw new Error('no complaint_event id reserved')
  const eventId = reserved.id
  const { complaintId } = event
  return {
    followUps: [notificationJobOf(cardRefresh, { type: 'ticket-card-refresh', complaintId, eventId })],
    record: (tx) =>
      tx.$executeRawUnsafe(
        `INSERT INTO complaint_event (id, complaint_id, actor_role, action, from_status, to_status, data)
         SELECT $1::bigint, $2, 'SYSTEM', $5, $3::"ComplaintStatus", $3::"ComplaintStatus",
                jsonb_build_object('eventId', $4::text, 'jobId', $6::text)
         WHERE NOT EXISTS (SELECT 1 FROM complaint_event u WHERE u.complaint_id = $2
                             AND u.action = $5 AND u.data->>'jobId' = $6::text)`,
        eventId,
        complaintId,
        event.status,
        event.endingEventId,
        event.action,
        event.jobId,
      ),
  }
}
