import type { Database, Prisma } from '../../db/client.ts'
import { NOTICE_UNDELIVERED } from '../../domain/deadlines/owed-notice.ts'
import type { ComplaintStatus } from '../../domain/lifecycle/index.ts'
import type { OutboxJob } from '../outbox/outbox.ts'
import { cardRefresh } from './kinds/card-refresh.ts'
import { notificationJobOf } from './notification-kind.ts'

/** What a status delivery writes when the notice its message carried could not reach the consumer. */
export interface UndeliveredNotice {
  /** The ticket's cards are refreshed: they now offer RECORD_NOTICE (the notice given another way). */
  followUps: OutboxJob[]
  /** Appends the NOTICE_UNDELIVERED event, in the transaction that marks the delivery done. */
  record: (tx: Prisma.TransactionClient) => Promise<unknown>
}

/**
 * The NOTICE_UNDELIVERED event of a complaint whose ending event's status message (`endingEventId`) did not reach
 * the consumer: it keeps the notice's clock running (services/deadlines/owed-notice-query.ts). Its id is taken from
 * the sequence first, so that the card refresh it calls for is recorded with the same done mark.
 */
export async function undeliveredNotice(
  db: Database,
  complaintId: string,
  endingEventId: string,
  status: ComplaintStatus,
): Promise<UndeliveredNotice> {
  const [reserved] = await db.$queryRawUnsafe<Array<{ id: string }>>(
    `SELECT nextval(pg_get_serial_sequence('complaint_event', 'id'))::text AS id`,
  )
  if (!reserved) throw new Error('no complaint_event id reserved')
  const eventId = reserved.id
  return {
    followUps: [notificationJobOf(cardRefresh, { type: 'ticket-card-refresh', complaintId, eventId })],
    record: (tx) =>
      tx.$executeRawUnsafe(
        `INSERT INTO complaint_event (id, complaint_id, actor_role, action, from_status, to_status, data)
         SELECT $1::bigint, $2, 'SYSTEM', '${NOTICE_UNDELIVERED}', $3::"ComplaintStatus", $3::"ComplaintStatus",
                jsonb_build_object('eventId', $4::text)
         WHERE NOT EXISTS (SELECT 1 FROM complaint_event u WHERE u.complaint_id = $2
                             AND u.action = '${NOTICE_UNDELIVERED}' AND u.data->>'eventId' = $4::text)`,
        eventId,
        complaintId,
        status,
        endingEventId,
      ),
  }
}
