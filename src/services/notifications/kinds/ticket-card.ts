import { z } from 'zod'
import type { Database } from '../../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../../db/sql.ts'
import type { StationKind } from '../../../generated/prisma/enums.ts'
import {
  renderTicketCard,
  type TicketCardView,
  type TicketRedirectReason,
} from '../../../telegram/render/ticket-card.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import {
  ComplaintNotFoundError,
  TICKET_CARD_VIEW_SELECT,
  type TicketCardViewRow,
  toTicketCardView,
} from '../../complaints/ticket-card-view.ts'
import { cardFooter, withFooter } from '../card-footer.ts'
import { finishDelivery, finishDeliveryWithMessage, finishWithoutMessage } from '../ledger.ts'
import { type DeliveryJob, defineNotification, type NotifierDeps, notificationJobOf } from '../notification-kind.ts'
import { NoReachableStationError, redirectToCenter } from '../redirect-to-center.ts'
import { consumerStatus } from './consumer-status.ts'
import { alertAdminsOfStrandedTicket } from './stranded-ticket.ts'
import { ticketEvidence } from './ticket-evidence.ts'

/** The station has no Telegram group and no center could take its ticket: retried until one is bound. */
export class StationNotBoundError extends Error {
  override name = 'StationNotBoundError'
  constructor(stationCode: string) {
    super(
      `Station ${stationCode} has no bound Telegram group; the ticket waits until one is bound (/bind in the group).`,
    )
  }
}

const schema = z.object({
  v: z.literal(1).default(1),
  type: z.literal('ticket-card'),
  complaintId: z.string(),
  stationId: z.string(),
  /** The routing event the consumer is told about once the card is posted (which station has it). */
  announceEventId: z.string().optional(),
})
type TicketCardPayload = z.output<typeof schema>

/**
 * The ticket card in the station's group — in a topic of its own in a forum, else as the start of a reply
 * thread; the evidence follows in a `ticket-evidence` job. The card's message id is recorded (with the done mark
 * and the follow-ups) before the job is acknowledged and checked before posting, so a job that runs twice posts
 * one card. If the bot was removed from the group, the ticket goes to the county center instead. The outbox
 * entry, the station, an earlier card and the card's view are read in one query.
 */
export const ticketCard = defineNotification({
  type: 'ticket-card',
  schema,
  jobId: (payload) => `ticket-card-${payload.complaintId}-${payload.stationId}`,
  priority: DELIVERY_PRIORITY.CARD,
  checksDoneItself: true,
  deliver: deliverTicketCard,
})

async function deliverTicketCard(
  deps: NotifierDeps,
  job: DeliveryJob,
  payload: TicketCardPayload,
): Promise<'delivered' | 'already-done'> {
  const { db } = deps
  const { complaintId } = payload
  const context = await loadTicketCardJob(db, job.jobId, complaintId, payload.stationId)
  if (context.done) return 'already-done'
  const station = context.station
  if (!station) {
    await finishWithoutMessage(db, job.jobId)
    return 'delivered'
  }
  if (station.chatId === null) return handToCenter(deps, job, payload, station, 'STATION_UNBOUND')
  const chatId = Number(station.chatId)
  const announce = payload.announceEventId
    ? [notificationJobOf(consumerStatus, { type: 'consumer-status', complaintId, eventId: payload.announceEventId })]
    : []
  try {
    if (context.card) {
      // A re-run after the card was posted and recorded: only the follow-ups remain.
      await finishDelivery(deps, job.jobId, [...announce, evidenceJob(payload)])
      return 'delivered'
    }
    if (!context.view) throw new ComplaintNotFoundError(complaintId)
    const view = toTicketCardView(context.view)
    const card = await postCard(deps, job, view, chatId, station.chatIsForum)
    // The card is recorded in the same statement that marks the entry done and records the follow-ups: the
    // consumer is told at once, and the evidence follows in a job of its own, behind new cards and card edits.
    const message = {
      complaintId,
      purpose: 'TICKET_CARD' as const,
      chatId: station.chatId,
      messageId: card.messageId,
      threadId: card.threadId,
    }
    await finishDeliveryWithMessage(deps, job.jobId, message, [
      ...announce,
      ...(view.evidenceCount > 0 ? [evidenceJob(payload)] : []),
    ])
    return 'delivered'
  } catch (error) {
    if (error instanceof ComplaintNotFoundError) {
      await finishWithoutMessage(db, job.jobId)
      return 'delivered'
    }
    if (!(error instanceof RecipientUnreachableError)) throw error
    deps.log.warn(
      { complaintId, stationId: station.id, reason: error.description },
      'station group unreachable; handing the ticket to the center',
    )
    return handToCenter(deps, job, payload, station, 'STATION_GROUP_UNREACHABLE')
  }
}

/**
 * The station's group cannot take the card: the ticket goes to the 12315 center above it. When no center has a
 * group either, every admin is told (once) and the job fails, to be retried until a group is bound.
 */
async function handToCenter(
  deps: NotifierDeps,
  job: DeliveryJob,
  payload: TicketCardPayload,
  station: CardStation,
  reason: TicketRedirectReason,
): Promise<'delivered'> {
  const cardAt = (stationId: string) => notificationJobOf(ticketCard, { ...payload, stationId })
  try {
    await redirectToCenter(deps, job.jobId, payload.complaintId, station, cardAt, reason)
    return 'delivered'
  } catch (error) {
    if (!(error instanceof NoReachableStationError)) throw error
    await alertAdminsOfStrandedTicket(deps, payload.complaintId, station.id)
    throw reason === 'STATION_UNBOUND' ? new StationNotBoundError(station.code) : error
  }
}

/** Posts now the cards waiting for the station to have a group (their jobs would otherwise wait out a backoff). */
export async function deliverWaitingCards(deps: Pick<NotifierDeps, 'db' | 'outbox'>, stationId: string) {
  const entries = await deps.db.outboxEntry.findMany({
    where: { status: 'PENDING', queue: 'notify', payload: { path: ['stationId'], equals: stationId } },
    orderBy: { id: 'asc' },
  })
  const cards = entries.filter((entry) => (entry.payload as { type?: unknown }).type === ticketCard.type)
  await deps.outbox.runNow(
    cards.map((entry) => ({ queue: 'notify', jobId: entry.jobId, payload: entry.payload as Record<string, unknown> })),
  )
}

const evidenceJob = (card: TicketCardPayload) =>
  notificationJobOf(ticketEvidence, {
    type: 'ticket-evidence',
    complaintId: card.complaintId,
    stationId: card.stationId,
  })

/** Posts the card (opening its forum topic first, remembered in the job's progress); returns where it went. */
async function postCard(deps: NotifierDeps, job: DeliveryJob, view: TicketCardView, chatId: number, forum: boolean) {
  const { sender } = deps
  const t = deps.translator.forLocale(deps.defaultLocale)
  const rendered = renderTicketCard(view, t, { viewer: 'station' })
  // A ticket handed over mid-way (上报, 转办 after acts) arrives with what the footer says: the running mediation
  // period, its pauses, the last step. A newly routed one has none of it yet, and skips the queries.
  const handedOverMidWay = view.status !== 'RECEIVED' && view.status !== 'SUBMITTED'
  const card = handedOverMidWay
    ? { ...rendered, text: withFooter(rendered.text, await cardFooter(deps.db, view.complaintId, t)) }
    : rendered
  let threadId: number | null = null
  if (forum) {
    threadId = job.progress.get('topic') ?? null
    if (threadId === null) {
      const title = t('delivery:forumTopic', { trackingNumber: view.trackingNumber, business: view.respondentName })
      threadId = await sender.createForumTopic(chatId, title)
      await job.progress.set('topic', threadId)
    }
  }
  const sent = await sender.sendHtml(chatId, card.text, { threadId }, card.reply_markup)
  return { messageId: sent.message_id, threadId }
}

// What the job reads before it posts: one query.

/** The station a ticket-card job posts to. */
interface CardStation {
  id: string
  code: string
  kind: StationKind
  districtCode: string | null
  chatId: bigint | null
  chatIsForum: boolean
}

/** Everything a ticket-card job reads before it posts, from ONE query. */
interface TicketCardJob {
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
async function loadTicketCardJob(
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
