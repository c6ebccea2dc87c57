import { consumerNextStep, type CaseStatus, type ComplaintKind, type ComplaintStatus } from '../../domain/lifecycle/index.ts'
import { formatFen } from '../../domain/intake/amount.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { completeOutboxJob } from '../../services/outbox/outbox.ts'
import { loadConsumerStatusJob } from '../../services/notifications/kinds/consumer-status-job.ts'
import { finishDelivery, finishDeliveryWithMessage, localeOf, markUnreachable, recordMessage, type DeliveryJob, type NotifierDeps } from '../../services/notifications/ledger.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import { groundListOf, groundText } from './ground-text.ts'
import { escapeHtml } from '../html.ts'
import { notificationJob, type Notification } from '../../services/notifications/notification.ts'
import { splitMessageText } from '../split-text.ts'
import { RecipientUnreachableError } from '../sending/telegram-sender.ts'

/** What a consumer's status message says. */
export interface ConsumerStatusView {
  kind: ComplaintKind
  trackingNumber: string
  status: ComplaintStatus
  /** The station now handling the ticket, after routing, a transfer or an escalation. */
  station: { name: string; nameEn: string | null; address: string | null; addressEn: string | null; phone: string | null } | null
  /** 'YYYY-MM-DD': a complaint's acceptance decision or a report's filing decision, while it is pending. */
  decisionDueOn: string | null
  dueDatesFinal: boolean
  /** False while only a first-mile station has the ticket: no statutory clock runs yet. */
  bureauReceived?: boolean
  /** Text the consumer should read (an answer, the reason for not accepting). */
  note: string | null
  /** The statutory ground of a rejection or an ended mediation (a code of src/domain/rules). */
  ground?: string | null
  /** The rule the ground is worded by; Order 121 when not given. */
  rule?: RuleId
  /** Money recovered for the consumer, in fen, once an agreement or a local settlement records it. */
  recoveredFen?: bigint | null
  /** 'YYYY-MM-DD': the end of the mediation period, while the complaint is accepted or in mediation. */
  mediationDueOn?: string | null
  mediationDueFinal?: boolean
  /** A step of the case opened from this complaint (诉转案): told in terms of the complaint, never a case number. */
  caseStep?: CaseStatus | null
}

/** The case status each case step of a complaint leads to. */
const CASE_STEP_OF: Readonly<Record<string, CaseStatus>> = { FILE_CASE: 'VERIFYING', CASE_FILE: 'FILED', CASE_NOT_FILE: 'NOT_FILED', CASE_DECIDE: 'DECIDED' }

/** The case step a complaint's event is, if it is one. */
export function caseStepOf(kind: ComplaintKind, action: string): CaseStatus | null {
  return kind === 'COMPLAINT' ? (CASE_STEP_OF[action] ?? null) : null
}

// Actions whose note is meant for the consumer; other notes (internal remarks, system reasons) are not sent.
const NOTE_FOR_CONSUMER = new Set(['ANSWER', 'REJECT', 'NOT_FILE', 'END_MEDIATION'])
const STATION_EVENTS = new Set(['ROUTE', 'TRANSFER', 'ESCALATE'])
const DECISION_PENDING: ReadonlySet<ComplaintStatus> = new Set(['RECEIVED', 'ESCALATED', 'LOCAL_MEDIATION', 'VERIFYING'])
const MEDIATION_PENDING: ReadonlySet<ComplaintStatus> = new Set(['ACCEPTED', 'MEDIATING'])
const GROUND_SHOWN: ReadonlySet<ComplaintStatus> = new Set(['NOT_ACCEPTED', 'MEDIATION_ENDED'])
const RECOVERY_SHOWN: ReadonlySet<ComplaintStatus> = new Set(['AGREED', 'SETTLED_LOCALLY'])

/** The consumer's status message (HTML): the new status, who handles it, the next step and its deadline. */
export function renderConsumerStatus(view: ConsumerStatusView, t: TFunction, locale: string): string {
  if (view.caseStep) return t(`delivery:consumer.case.${view.caseStep}`, { trackingNumber: escapeHtml(view.trackingNumber) })
  const lines = [
    t('delivery:consumer.status', { kind: t(`delivery:kindInSentence.${view.kind}`), trackingNumber: escapeHtml(view.trackingNumber), status: t(`status:statuses.${view.status}`) }),
  ]
  if (view.station) {
    const name = locale === 'en' && view.station.nameEn ? view.station.nameEn : view.station.name
    lines.push(t('delivery:consumer.station', { name: escapeHtml(name) }))
    const address = locale === 'en' && view.station.addressEn ? view.station.addressEn : view.station.address
    if (address) lines.push(t('delivery:consumer.stationAddress', { address: escapeHtml(address) }))
    if (view.station.phone) lines.push(t('delivery:consumer.stationPhone', { phone: escapeHtml(view.station.phone) }))
  }
  if (view.ground && GROUND_SHOWN.has(view.status)) {
    const ground = groundText(t, locale, view.rule ?? 'ORDER_121', groundListOf(view.status === 'MEDIATION_ENDED'), view.ground)
    lines.push(t('delivery:consumer.ground', { ground: `${ground.label}${ground.article ? t('delivery:consumer.article', { article: ground.article }) : ''}` }))
  }
  if (view.note) lines.push(t('delivery:consumer.note', { note: escapeHtml(view.note) }))
  if (view.recoveredFen != null && view.recoveredFen > 0n && RECOVERY_SHOWN.has(view.status)) {
    lines.push(t('delivery:consumer.recovered', { amount: formatFen(Number(view.recoveredFen), locale === 'en' ? 'en' : 'zh-CN') }))
  }
  lines.push(t('delivery:consumer.nextStep', { step: t(`status:nextSteps.${consumerNextStep(view.status)}`) }))
  if (view.decisionDueOn && DECISION_PENDING.has(view.status) && view.kind !== 'INQUIRY') {
    const due = t(`delivery:consumer.due.${view.kind}`, { date: view.decisionDueOn })
    lines.push(view.dueDatesFinal ? due : `${due}${t('delivery:consumer.due.provisional')}`)
  } else if (view.bureauReceived === false && view.station && view.kind !== 'INQUIRY' && DECISION_PENDING.has(view.status)) {
    // At a first-mile station: local mediation first, and the legal time limits have not started.
    lines.push(t(`delivery:consumer.localFirst.${view.kind}`))
  }
  if (view.mediationDueOn && MEDIATION_PENDING.has(view.status)) {
    const due = t('delivery:consumer.mediationDue', { date: view.mediationDueOn })
    lines.push(view.mediationDueFinal === false ? `${due}${t('delivery:consumer.due.provisional')}` : due)
  }
  return lines.join('\n')
}

/**
 * Tells the consumer about one event of their complaint, in their language. A consumer who blocked the bot is
 * marked unreachable (no further attempts until they write again) and the station is told to phone them.
 */
export async function deliverConsumerStatus(
  deps: NotifierDeps,
  job: DeliveryJob,
  notification: Extract<Notification, { type: 'consumer-status' }>,
): Promise<'delivered' | 'already-done'> {
  const { db } = deps
  const { done, event, complaint } = await loadConsumerStatusJob(db, job.jobId, notification.complaintId, BigInt(notification.eventId))
  if (done) return 'already-done'
  if (!event || !complaint) {
    await completeOutboxJob(db, job.jobId)
    return 'delivered'
  }
  const alert = complaint.stationId
    ? [notificationJob({ type: 'station-alert', complaintId: complaint.id, stationId: complaint.stationId, alert: 'CONSUMER_UNREACHABLE' })]
    : []
  if (!complaint.consumer.reachable) {
    await finishDelivery(deps, job.jobId, alert)
    return 'delivered'
  }

  const locale = localeOf(deps, complaint.locale, complaint.consumer.locale)
  const status = event.toStatus ?? complaint.status
  const text = renderConsumerStatus(
    {
      kind: complaint.kind,
      trackingNumber: complaint.trackingNumber,
      status,
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
      mediationDueFinal: complaint.mediationDueFinal,
    },
    deps.translator.forLocale(locale),
    locale,
  )
  const chatId = Number(complaint.consumer.telegramId)
  const message = (messageId: number) => ({ complaintId: complaint.id, purpose: 'STATUS_UPDATE' as const, chatId: complaint.consumer.telegramId, messageId })
  try {
    const parts = splitMessageText(text)
    const from = job.progress.get('parts') ?? 0
    if (from === 0 && parts.length === 1) {
      // The usual single message: its id is recorded in the same statement that marks the entry done.
      const sent = await deps.sender.sendHtml(chatId, parts[0] ?? '')
      await finishDeliveryWithMessage(deps, job.jobId, message(sent.message_id))
      return 'delivered'
    }
    for (let index = from; index < parts.length; index++) {
      const sent = await deps.sender.sendHtml(chatId, parts[index] ?? '')
      await recordMessage(db, message(sent.message_id))
      await job.progress.set('parts', index + 1)
    }
    await finishDelivery(deps, job.jobId)
  } catch (error) {
    if (!(error instanceof RecipientUnreachableError)) throw error
    deps.log.warn({ complaintId: complaint.id, personId: complaint.consumer.id }, 'consumer unreachable (403); telling the station')
    await markUnreachable(db, complaint.consumer.id)
    await finishDelivery(deps, job.jobId, alert)
  }
  return 'delivered'
}
