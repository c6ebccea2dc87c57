import { z } from 'zod'
import type { Database } from '../../../db/client.ts'
import { type PreparedStatement, queryRows } from '../../../db/sql.ts'
import {
  NOTICE_DELIVERED,
  NOTICE_UNDELIVERED,
  type NoticeClock,
  noticeCarriedBy,
} from '../../../domain/deadlines/owed-notice.ts'
import type { ComplaintKind, ComplaintStatus } from '../../../domain/lifecycle/index.ts'
import type { RuleId } from '../../../domain/rules/statutory-rules.ts'
import { caseStepOf, renderConsumerStatus } from '../../../telegram/render/consumer-status.ts'
import { DELIVERY_PRIORITY } from '../../../telegram/sending/delivery-priority.ts'
import { RecipientUnreachableError } from '../../../telegram/sending/telegram-sender.ts'
import { splitMessageText } from '../../../telegram/split-text.ts'
import { markUnreachable } from '../../people/reachability.ts'
import { finishDelivery, finishDeliveryWithMessage, finishWithoutMessage, localeOf, recordMessage } from '../ledger.ts'
import { noticeEvent } from '../notice-events.ts'
import { type DeliveryJob, defineNotification, type NotifierDeps, notificationJobOf } from '../notification-kind.ts'
import { stationAlert } from './station-alert.ts'

// Actions whose note is meant for the consumer; other notes (internal remarks, system reasons) are not sent.
const NOTE_FOR_CONSUMER = new Set(['ANSWER', 'REJECT', 'NOT_FILE', 'END_MEDIATION'])
const STATION_EVENTS = new Set(['ROUTE', 'TRANSFER', 'ESCALATE'])

/**
 * Tells the consumer about one event of their complaint, in their language. A consumer who blocked the bot is
 * marked unreachable (no further attempts until they unblock it or write again) and the station is told to phone
 * them (statusFinishes). The outbox entry's status is read in the same query as the event and the complaint.
 */
export const consumerStatus = defineNotification({
  type: 'consumer-status',
  schema: z.object({
    v: z.literal(1).default(1),
    type: z.literal('consumer-status'),
    complaintId: z.string(),
    eventId: z.string(),
    /** A notice sent again once the consumer unblocked the bot: the NOTICE_UNDELIVERED event it answers. */
    resendOf: z.string().optional(),
  }),
  jobId: (payload) => `consumer-status-${payload.eventId}${payload.resendOf ? `-resend-${payload.resendOf}` : ''}`,
  priority: DELIVERY_PRIORITY.MESSAGE,
  checksDoneItself: true,
  async deliver(deps, job, payload) {
    const { db } = deps
    const { done, event, complaint } = await loadConsumerStatusJob(
      db,
      job.jobId,
      payload.complaintId,
      BigInt(payload.eventId),
    )
    if (done) return 'already-done'
    if (!event || !complaint) {
      await finishWithoutMessage(db, job.jobId)
      return 'delivered'
    }
    const finish = statusFinishes(deps, job, payload, complaint, event)
    if (!complaint.consumer.reachable) {
      await finish.unreachable()
      return 'delivered'
    }
    const chatId = Number(complaint.consumer.telegramId)
    try {
      const parts = splitMessageText(statusText(deps, complaint, event, payload.resendOf !== undefined))
      const from = job.progress.get('parts') ?? 0
      if (from === 0 && parts.length === 1) {
        const sent = await deps.sender.sendHtml(chatId, parts[0] ?? '')
        await finish.sent([sent.message_id])
        return 'delivered'
      }
      for (let index = from; index < parts.length; index++) {
        const sent = await deps.sender.sendHtml(chatId, parts[index] ?? '')
        await recordMessage(db, statusMessage(complaint, sent.message_id))
        await job.progress.set('parts', index + 1)
      }
      await finish.sent([])
    } catch (error) {
      if (!(error instanceof RecipientUnreachableError)) throw error
      deps.log.warn(
        { complaintId: complaint.id, personId: complaint.consumer.id },
        'consumer unreachable (403); telling the station',
      )
      await markUnreachable(db, complaint.consumer.id)
      await finish.unreachable()
    }
    return 'delivered'
  },
})

type StatusEvent = NonNullable<ConsumerStatusJob['event']>

/**
 * The status message of the event, in the consumer's language; one sent again after an unblock says first that it
 * is the notice they missed.
 */
function statusText(deps: NotifierDeps, complaint: StatusComplaint, event: StatusEvent, resent: boolean): string {
  const locale = localeOf(deps, complaint.consumer.locale, complaint.locale)
  const t = deps.translator.forLocale(locale)
  const text = renderConsumerStatus(
    {
      kind: complaint.kind,
      trackingNumber: complaint.trackingNumber,
      status: event.toStatus ?? complaint.status,
      station: STATION_EVENTS.has(event.action) ? complaint.station : null,
      decisionDueOn: complaint.decisionDueOn,
      dueDatesFinal: complaint.dueDatesFinal,
      bureauReceived: complaint.bureauReceived,
      note: NOTE_FOR_CONSUMER.has(event.action) ? event.note : null,
      ground: event.ground ?? complaint.ground,
      rule: complaint.rule,
      recoveredFen: event.amountFen ?? complaint.recoveredFen,
      mediationDueOn: complaint.mediationDueOn,
      caseStep: caseStepOf(complaint.kind, event.action),
      transferred: event.action === 'TRANSFER',
      mediationDueFinal: complaint.mediationDueFinal,
    },
    t,
    locale,
  )
  return resent ? `${t('delivery:consumer.missedNotice')}\n\n${text}` : text
}

/** A status message sent to the consumer, as chat_message keeps it. */
function statusMessage(complaint: StatusComplaint, messageId: number) {
  return {
    complaintId: complaint.id,
    purpose: 'STATUS_UPDATE' as const,
    chatId: complaint.consumer.telegramId,
    messageId,
  }
}

/**
 * How the job ends once the message was sent, or could not be. A message carrying a notice owed by law
 * (终止调解告知, a named reporter's notice; an anonymous report owes none) that cannot reach the consumer leaves the
 * notice owed: a NOTICE_UNDELIVERED event says so and the station is asked to give it another way. The same
 * message sent again after an unblock, arriving, records NOTICE_DELIVERED. A consumer who left no contact (匿名举报)
 * is nobody the station could phone: no alert.
 */
function statusFinishes(
  deps: NotifierDeps,
  job: DeliveryJob,
  payload: { eventId: string; resendOf?: string | undefined },
  complaint: StatusComplaint,
  event: StatusEvent,
) {
  const carried = noticeCarriedBy(complaint.kind, event.action, event.toStatus)
  const notice = carried && complaint.noticeDated[carried] ? carried : null
  const noticeOf = {
    complaintId: complaint.id,
    endingEventId: payload.eventId,
    status: complaint.status,
    jobId: job.jobId,
  }
  const alert =
    complaint.stationId && !complaint.anonymous
      ? [
          notificationJobOf(stationAlert, {
            type: 'station-alert',
            complaintId: complaint.id,
            stationId: complaint.stationId,
            ...(notice
              ? { alert: 'NOTICE_UNDELIVERED' as const, eventId: payload.eventId }
              : { alert: 'CONSUMER_UNREACHABLE' as const }),
          }),
        ]
      : []
  return {
    async unreachable(): Promise<void> {
      if (!notice) return finishDelivery(deps, job.jobId, alert)
      const undelivered = await noticeEvent(deps.db, { ...noticeOf, action: NOTICE_UNDELIVERED })
      await finishDelivery(deps, job.jobId, [...alert, ...undelivered.followUps], undelivered.record)
    },
    /** `messageIds`: the messages not recorded yet (the usual single one is recorded with the done mark). */
    async sent(messageIds: readonly number[]): Promise<void> {
      if (notice && payload.resendOf !== undefined) {
        const delivered = await noticeEvent(deps.db, { ...noticeOf, action: NOTICE_DELIVERED })
        await finishDelivery(deps, job.jobId, delivered.followUps, async (tx) => {
          for (const id of messageIds) await tx.chatMessage.create({ data: statusMessage(complaint, id) })
          await delivered.record(tx)
        })
      } else if (messageIds.length === 1) {
        await finishDeliveryWithMessage(deps, job.jobId, statusMessage(complaint, messageIds[0] ?? 0))
      } else {
        await finishDelivery(deps, job.jobId)
      }
    },
  }
}

// What the job reads before it sends: one query.

/** Everything a consumer-status job reads before it sends, from ONE query. */
interface ConsumerStatusJob {
  /** The job's outbox entry is done: a re-enqueued job that already finished. */
  done: boolean
  event:
    | {
        action: string
        toStatus: ComplaintStatus | null
        note: string | null
        ground: string | null
        amountFen: bigint | null
      }
    | undefined
  complaint: StatusComplaint | undefined
}

interface StatusComplaint {
  id: string
  kind: ComplaintKind
  trackingNumber: string
  status: ComplaintStatus
  locale: string
  stationId: string | null
  decisionDueOn: string | null
  mediationDueOn: string | null
  dueDatesFinal: boolean
  mediationDueFinal: boolean
  rule: RuleId
  /** Whether a bureau station has received the ticket (the statutory clocks run). */
  bureauReceived: boolean
  ground: string | null
  recoveredFen: bigint | null
  consumer: { id: number; telegramId: bigint; reachable: boolean; locale: string | null }
  /** A 匿名举报: no identity, no contact, no notice owed; the chat is the only way to the reporter. */
  anonymous: boolean
  /** Which notices have a due date (set by the ending; none for an anonymous report). */
  noticeDated: Record<NoticeClock, boolean>
  station: {
    name: string
    nameEn: string | null
    address: string | null
    addressEn: string | null
    phone: string | null
  } | null
}

// int8 columns come back as text (node-postgres reads them so); the nested parts as json.
type Row = Omit<StatusComplaint, 'id' | 'recoveredFen' | 'consumer'> & {
  entryStatus: string | null
  id: string | null
  recoveredFen: string | null
  event: (Omit<StatusEvent, 'amountFen'> & { amountFen: string | null }) | null
  consumer: Omit<StatusComplaint['consumer'], 'telegramId'> & { telegramId: string }
}

/** $1 the job id, $2 the complaint id, $3 the event id. */
const CONSUMER_STATUS_JOB: PreparedStatement = {
  name: 'consumer-status-job',
  text: `
    SELECT (SELECT o.status::text FROM outbox_entry o WHERE o.job_id = $1) AS "entryStatus",
      CASE WHEN e.id IS NOT NULL THEN json_build_object('action', e.action, 'toStatus', e.to_status, 'note', e.note,
        'ground', e.ground, 'amountFen', e.amount_fen::text) END AS event,
      c.id, c.kind::text AS kind, c.tracking_number AS "trackingNumber", c.status::text AS status, c.locale, c.station_id AS "stationId",
      to_char(c.decision_due_on, 'YYYY-MM-DD') AS "decisionDueOn", to_char(c.mediation_due_on, 'YYYY-MM-DD') AS "mediationDueOn",
      c.due_dates_final AS "dueDatesFinal", c.mediation_due_final AS "mediationDueFinal", c.rule::text AS rule, c.bureau_received_at IS NOT NULL AS "bureauReceived", c.ground, c.recovered_fen::text AS "recoveredFen",
      c.anonymous, json_build_object('TERMINATION_NOTICE', c.termination_notice_due_on IS NOT NULL,
        'REPORTER_NOTICE', c.reporter_notice_due_on IS NOT NULL) AS "noticeDated",
      json_build_object('id', c.consumer_id, 'telegramId', p.telegram_id::text, 'reachable', p.reachable, 'locale', p.locale) AS consumer,
      CASE WHEN s.id IS NOT NULL THEN json_build_object('name', s.name, 'nameEn', s.name_en, 'address', s.address,
        'addressEn', s.address_en, 'phone', s.phone) END AS station
    FROM (SELECT 1) AS one
    LEFT JOIN complaint_event e ON e.id = $3::bigint
    LEFT JOIN complaint c ON c.id = $2
    LEFT JOIN person p ON p.id = c.consumer_id
    LEFT JOIN station s ON s.id = c.station_id`,
}

const bigintOrNull = (text: string | null) => (text === null ? null : BigInt(text))

/** Reads the outbox entry, the event, the complaint, its consumer and its station in one round trip. */
async function loadConsumerStatusJob(
  db: Database,
  jobId: string,
  complaintId: string,
  eventId: bigint,
): Promise<ConsumerStatusJob> {
  const [row] = await queryRows<Row>(db, CONSUMER_STATUS_JOB, [jobId, complaintId, eventId.toString()])
  if (!row) throw new Error(`consumer-status job ${jobId}: the context query returned no row`)
  const { entryStatus, id, event, recoveredFen, consumer, ...complaint } = row
  return {
    done: entryStatus === 'DONE',
    event: event ? { ...event, amountFen: bigintOrNull(event.amountFen) } : undefined,
    complaint:
      id === null
        ? undefined
        : {
            ...complaint,
            id,
            recoveredFen: bigintOrNull(recoveredFen),
            consumer: { ...consumer, telegramId: BigInt(consumer.telegramId) },
          },
  }
}
