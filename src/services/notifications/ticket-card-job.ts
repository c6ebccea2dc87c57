import type { Database } from '../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../db/sql.ts'
import type { StationKind } from '../../generated/prisma/enums.ts'
import { TICKET_CARD_VIEW_SELECT, type TicketCardViewRow } from '../complaints/ticket-card-view.ts'

/** The station a ticket-card job posts to. */
export interface CardStation {
  id: string
  code: string
  kind: StationKind
  districtCode: string | null
  chatId: bigint | null
  chatIsForum: boolean
}

/** Everything a ticket-card job reads before it posts, from ONE query. */
export interface TicketCardJob {
  /** The job's outbox entry is done: a re-enqueued job that already finished. */
  done: boolean
  /** Undefined when the station no longer exists. */
  station: CardStation | undefined
  /** The card this job posted on an earlier run, if any. */
  card: { messageId: number; threadId: number | null } | undefined
  /** The card's view; read only when there is a group to post to and no card yet (undefined: no such complaint). */
  view: TicketCardViewRow | undefined
}

type Row = {
  entryStatus: string | null
  targetId: string | null
  targetCode: string
  targetKind: StationKind
  targetDistrictCode: string | null
  /** int8, as text. */
  targetChatId: string | null
  targetIsForum: boolean
  cardMessageId: number | null
  cardThreadId: number | null
} & (TicketCardViewRow | { [K in keyof TicketCardViewRow]: null })

/** $1 the complaint id, $2 the job id, $3 the station id. */
const TICKET_CARD_JOB: PreparedStatement = {
  name: 'ticket-card-job',
  text: `
    SELECT (SELECT o.status::text FROM outbox_entry o WHERE o.job_id = $2) AS "entryStatus",
      st.id AS "targetId", st.code AS "targetCode", st.kind::text AS "targetKind", st.district_code AS "targetDistrictCode",
      st.chat_id::text AS "targetChatId", st.chat_is_forum AS "targetIsForum", card.message_id AS "cardMessageId", card.thread_id AS "cardThreadId", v.*
    FROM (SELECT 1) AS one
    LEFT JOIN station st ON st.id = $3
    LEFT JOIN LATERAL (
      SELECT m.message_id, m.thread_id FROM chat_message m
       WHERE m.complaint_id = $1 AND m.purpose = 'TICKET_CARD' AND m.chat_id = st.chat_id ORDER BY m.id LIMIT 1
    ) card ON true
    LEFT JOIN LATERAL (${TICKET_CARD_VIEW_SELECT}) v ON st.chat_id IS NOT NULL AND card.message_id IS NULL`,
}

/** Reads the outbox entry, the station, an earlier card in its group and the card's view in one round trip. */
export async function loadTicketCardJob(
  db: Database,
  jobId: string,
  complaintId: string,
  stationId: string,
): Promise<TicketCardJob> {
  const [row] = await queryRows<Row>(db, TICKET_CARD_JOB, [complaintId, jobId, stationId])
  if (!row) throw new Error(`ticket-card job ${jobId}: the context query returned no row`)
  return {
    done: row.entryStatus === 'DONE',
    station:
      row.targetId === null
        ? undefined
        : {
            id: row.targetId,
            code: row.targetCode,
            kind: row.targetKind,
            districtCode: row.targetDistrictCode,
            chatId: row.targetChatId === null ? null : BigInt(row.targetChatId),
            chatIsForum: row.targetIsForum,
          },
    card: row.cardMessageId === null ? undefined : { messageId: row.cardMessageId, threadId: row.cardThreadId },
    view: row.id === null ? undefined : row,
  }
}
