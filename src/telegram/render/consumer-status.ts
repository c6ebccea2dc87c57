import {
  type CaseStatus,
  type ComplaintKind,
  type ComplaintStatus,
  consumerNextStep,
} from '../../domain/lifecycle/index.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { formatDate, formatMoney, localeOr } from '../format.ts'
import { escapeHtml } from '../html.ts'
import { groundListOf, groundText } from './ground-text.ts'

/** What a consumer's status message says. */
export interface ConsumerStatusView {
  kind: ComplaintKind
  trackingNumber: string
  status: ComplaintStatus
  /** The station now handling the ticket, after routing, a transfer or an escalation. */
  station: {
    name: string
    nameEn: string | null
    address: string | null
    addressEn: string | null
    phone: string | null
  } | null
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
  /** The ticket moved to another station without changing its status: said as a transfer (转办), not the status again. */
  transferred?: boolean
}

/** The case status each case step of a complaint leads to. */
const CASE_STEP_OF: Readonly<Record<string, CaseStatus>> = {
  FILE_CASE: 'VERIFYING',
  CASE_FILE: 'FILED',
  CASE_NOT_FILE: 'NOT_FILED',
  CASE_DECIDE: 'DECIDED',
}

/** The case step a complaint's event is, if it is one. */
export function caseStepOf(kind: ComplaintKind, action: string): CaseStatus | null {
  return kind === 'COMPLAINT' ? (CASE_STEP_OF[action] ?? null) : null
}

const DECISION_PENDING: ReadonlySet<ComplaintStatus> = new Set([
  'RECEIVED',
  'ESCALATED',
  'LOCAL_MEDIATION',
  'VERIFYING',
])
const MEDIATION_PENDING: ReadonlySet<ComplaintStatus> = new Set(['ACCEPTED', 'MEDIATING'])
const GROUND_SHOWN: ReadonlySet<ComplaintStatus> = new Set(['NOT_ACCEPTED', 'MEDIATION_ENDED'])
const RECOVERY_SHOWN: ReadonlySet<ComplaintStatus> = new Set(['AGREED', 'SETTLED_LOCALLY'])

/** The consumer's status message (HTML): the new status, who handles it, the next step and its deadline. */
export function renderConsumerStatus(view: ConsumerStatusView, t: TFunction, locale: string): string {
  if (view.caseStep)
    return t(`delivery:consumer.case.${view.caseStep}`, { trackingNumber: escapeHtml(view.trackingNumber) })
  const lines = [
    t(view.transferred ? 'delivery:consumer.transferred' : 'delivery:consumer.status', {
      kind: t(`delivery:kindInSentence.${view.kind}`),
      trackingNumber: escapeHtml(view.trackingNumber),
      status: t(`status:statuses.${view.status}`),
    }),
  ]
  if (view.station) {
    const name = locale === 'en' && view.station.nameEn ? view.station.nameEn : view.station.name
    lines.push(t('delivery:consumer.station', { name: escapeHtml(name) }))
    const address = locale === 'en' && view.station.addressEn ? view.station.addressEn : view.station.address
    if (address) lines.push(t('delivery:consumer.stationAddress', { address: escapeHtml(address) }))
    if (view.station.phone) lines.push(t('delivery:consumer.stationPhone', { phone: escapeHtml(view.station.phone) }))
  }
  if (view.ground && GROUND_SHOWN.has(view.status)) {
    const ground = groundText(
      t,
      locale,
      view.rule ?? 'ORDER_121',
      groundListOf(view.status === 'MEDIATION_ENDED'),
      view.ground,
    )
    lines.push(
      t('delivery:consumer.ground', {
        ground: `${ground.label}${ground.article ? t('delivery:consumer.article', { article: ground.article }) : ''}`,
      }),
    )
  }
  if (view.note) lines.push(t('delivery:consumer.note', { note: escapeHtml(view.note) }))
  if (view.recoveredFen != null && view.recoveredFen > 0n && RECOVERY_SHOWN.has(view.status)) {
    lines.push(t('delivery:consumer.recovered', { amount: formatMoney(view.recoveredFen, localeOr(locale, 'zh-CN')) }))
  }
  lines.push(t('delivery:consumer.nextStep', { step: t(`status:nextSteps.${consumerNextStep(view.status)}`) }))
  if (view.decisionDueOn && DECISION_PENDING.has(view.status) && view.kind !== 'INQUIRY') {
    const due = t(`delivery:consumer.due.${view.kind}`, {
      date: formatDate(view.decisionDueOn, localeOr(locale, 'zh-CN')),
    })
    lines.push(view.dueDatesFinal ? due : `${due}${t('delivery:consumer.due.provisional')}`)
  } else if (
    view.bureauReceived === false &&
    view.station &&
    view.kind !== 'INQUIRY' &&
    DECISION_PENDING.has(view.status)
  ) {
    // At a first-mile station: local mediation first, and the legal time limits have not started.
    lines.push(t(`delivery:consumer.localFirst.${view.kind}`))
  }
  if (view.mediationDueOn && MEDIATION_PENDING.has(view.status)) {
    const due = t('delivery:consumer.mediationDue', {
      date: formatDate(view.mediationDueOn, localeOr(locale, 'zh-CN')),
    })
    lines.push(view.mediationDueFinal === false ? `${due}${t('delivery:consumer.due.provisional')}` : due)
  }
  return lines.join('\n')
}
