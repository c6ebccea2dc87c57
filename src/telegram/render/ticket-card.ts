import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types'
import type { PauseReason } from '../../domain/deadlines/clock-pause.ts'
import { maskName, maskPhone } from '../../domain/intake/masking.ts'
import {
  availableActions,
  type CaseStatus,
  type ComplaintKind,
  type ComplaintStatus,
  isBureauStation,
  type LifecycleAction,
  type StationKind,
} from '../../domain/lifecycle/index.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { showContactData } from '../callback-data/show-contact.ts'
import { ticketActionData } from '../callback-data/ticket-action.ts'
import { formatDate, formatMoney, localeOfT } from '../format.ts'
import { escapeHtml } from '../html.ts'
import { clockLines } from './card-clock-lines.ts'
import { type AddedInformation, type HandOverReason, handOverLines } from './card-hand-over.ts'
import { clockButtons } from './clock-buttons.ts'
import { fitFacts } from './fit-card-text.ts'

/** An area's name in both languages of the bot. */
export interface AreaName {
  name: string
  nameEn: string | null
}

/** Why the ticket reached a station other than the one the place belongs to. */
export type TicketRedirectReason = 'STATION_UNBOUND' | 'STATION_GROUP_UNREACHABLE'

/** Everything a ticket card shows, read from the database by {@link loadTicketCardView}. */
export interface TicketCardView {
  complaintId: string
  trackingNumber: string
  kind: ComplaintKind
  status: ComplaintStatus
  categoryCode: string | null
  respondentName: string
  respondentAddress: string | null
  /** The business's place: the area path from the district down, or its platform. */
  place: { type: 'area'; path: AreaName[] } | { type: 'online'; platformName: string } | { type: 'unknown' }
  incidentDate: string | null
  facts: string
  violation: string | null
  demands: string[]
  demandOther: string | null
  amountFen: bigint | null
  evidenceCount: number
  contactName: string | null
  contactPhone: string | null
  /** The identity document's type and masked number (the card never carries the number in full). */
  idType: string | null
  idNumberMasked: string | null
  /** Reports: 匿名举报, no identity at all; otherwise 实名, confidential towards everyone but the handling bureau. */
  anonymous: boolean
  /** 'YYYY-MM-DD': a complaint's acceptance decision, a report's filing decision (from receipt by a bureau station). */
  decisionDueOn: string | null
  /** False when the deadline was counted past the published holiday calendar. */
  dueDatesFinal: boolean
  /** 'YYYY-MM-DD': a first-mile station's own target, not a legal deadline. */
  localTargetOn?: string | null
  /** Report: the approval note of the filing decision's extension. */
  filingExtensionNote?: string | null
  /** 'YYYY-MM-DD': the mediation period's end, once accepted. */
  mediationDueOn?: string | null
  /**
   * A notice owed after the ending (终止调解告知, a named reporter's notice) that the bot's message could not deliver:
   * the card offers RECORD_NOTICE, to record it given another way.
   */
  noticeUndelivered?: boolean
  /** The pause of a statutory clock running now (检测、检验、鉴定, or waiting for proof of identity), if any. */
  runningPause?: { clock: string; reason: PauseReason } | null
  /** The 网格员 of the station holding the ticket assigned to it, if any (named on the station's card). */
  liaisonName?: string | null
  /** The station handling the ticket; its kind decides which actions its card offers. */
  station: { id: string; name: string; nameEn: string | null; kind: StationKind } | null
  redirectedFrom: { stationName: AreaName; reason: TicketRedirectReason } | null
  /** Other open complaints about the same business at the same station: a possible group dispute. */
  related?: ReadonlyArray<{ trackingNumber: string; link: string | null }>
  /** The enforcement case opened from this ticket (诉转案, or a report's 立案), if any. */
  enforcementCase?: { caseNumber: string; status: CaseStatus; penaltyFen: bigint | null } | null
  /** Why the ticket reached this station, in the words of the station that passed it on (上报 or 转办). */
  handOverReason?: HandOverReason | null
  /** What the consumer added since filing, in words (files are evidence): the latest few, and how many in all. */
  addedInformation?: AddedInformation | null
}

/**
 * Who looks at the card: the station's group (every member sees it: the contact is masked, a button sends it in
 * full to a handler privately), or the grid liaison in a private chat (the contact in full).
 */
export interface TicketCardOptions {
  viewer: 'station' | 'liaison'
  /** The viewer no longer handles the ticket (handed over): a reply to the card is not relayed, so no hint says so. */
  handedOver?: boolean
}

/** Actions never offered as card buttons: routing happens before there is a card, withdrawing is the consumer's. */
const NOT_ON_CARDS: ReadonlySet<LifecycleAction> = new Set(['ROUTE', 'WITHDRAW'])
const BUTTONS_PER_ROW = 2

/**
 * Renders the ticket card (HTML parse mode, at most 4096 characters) with one button per action the viewer's
 * role may take in the ticket's current status. The tickets feature re-renders it in place after each
 * transition; every user-supplied text is escaped here.
 */
export function renderTicketCard(
  view: TicketCardView,
  t: TFunction,
  options: TicketCardOptions,
): { text: string; reply_markup: InlineKeyboardMarkup } {
  const lines = [...head(view, t, options), ...business(view, t)]
  const hint = options.handedOver ? [] : ['', t(`delivery:card.replyHint.${options.viewer}`)]
  const tail = [...details(view, t, options), ...hint]
  // A report's facts are its violation when the reporter gave nothing more: shown once, under that heading.
  const factsHeading = factsAreViolation(view)
    ? 'delivery:card.violation'
    : view.kind === 'INQUIRY'
      ? 'delivery:card.question'
      : 'delivery:card.facts'
  const factsLines = [t(factsHeading), escapeHtml(view.facts)]
  const text = fitFacts(lines, factsLines, tail, t)
  return { text, reply_markup: { inline_keyboard: buttons(view, t, options) } }
}

function head(view: TicketCardView, t: TFunction, options: TicketCardOptions): string[] {
  const lines = [
    t('delivery:card.title', {
      trackingNumber: escapeHtml(view.trackingNumber),
      kind: t(`delivery:kind.${view.kind}`),
    }),
    t('delivery:card.status', { status: t(`status:statuses.${view.status}`) }),
  ]
  if (view.station) lines.push(t('delivery:card.station', { station: escapeHtml(localName(view.station, t)) }))
  if (view.liaisonName && options.viewer === 'station')
    lines.push(t('delivery:card.liaison', { name: escapeHtml(view.liaisonName) }))
  if (view.redirectedFrom) {
    lines.push(
      t(`delivery:card.redirected.${view.redirectedFrom.reason}`, {
        station: escapeHtml(localName(view.redirectedFrom.stationName, t)),
      }),
    )
  }
  return lines
}

function business(view: TicketCardView, t: TFunction): string[] {
  const lines: string[] = ['']
  if (view.categoryCode)
    lines.push(
      t('delivery:card.category', {
        category: escapeHtml(t(`categories:${view.categoryCode}`, { defaultValue: view.categoryCode })),
      }),
    )
  // An inquiry names no business (it may be about none).
  if (view.respondentName) lines.push(t('delivery:card.business', { name: escapeHtml(view.respondentName) }))
  if (view.place.type === 'area')
    lines.push(
      t('delivery:card.place', { place: escapeHtml(view.place.path.map((area) => localName(area, t)).join(' › ')) }),
    )
  else if (view.place.type === 'online')
    lines.push(t('delivery:card.online', { platform: escapeHtml(view.place.platformName) }))
  if (view.respondentAddress) lines.push(t('delivery:card.address', { address: escapeHtml(view.respondentAddress) }))
  if (view.incidentDate)
    lines.push(t('delivery:card.incidentDate', { date: formatDate(view.incidentDate, localeOfT(t)) }))
  return lines
}

function factsAreViolation(view: TicketCardView): boolean {
  return view.violation !== null && view.violation.trim() === view.facts.trim()
}

function details(view: TicketCardView, t: TFunction, options: TicketCardOptions): string[] {
  const lines: string[] = []
  if (view.violation && !factsAreViolation(view))
    lines.push('', t('delivery:card.violation'), escapeHtml(view.violation))
  lines.push(...handOverLines(view.addedInformation, view.handOverReason, t))
  lines.push('')
  const demands = view.demands.map((code) =>
    code === 'OTHER' && view.demandOther ? view.demandOther : t(`delivery:demands.${code}`, { defaultValue: code }),
  )
  if (demands.length > 0)
    lines.push(t('delivery:card.demands', { demands: escapeHtml(demands.join(t('delivery:card.listSeparator'))) }))
  if (view.amountFen !== null) lines.push(t('delivery:card.amount', { amount: formatMoney(view.amountFen, 'zh-CN') }))
  if (view.evidenceCount > 0) lines.push(t('delivery:card.evidence', { count: view.evidenceCount }))
  lines.push(...identityLines(view, t, options))
  lines.push(...clockLines(view, t))
  if (view.enforcementCase) {
    const { caseNumber, status, penaltyFen } = view.enforcementCase
    lines.push(
      t('tickets:case.cardLine', { caseNumber: escapeHtml(caseNumber), status: t(`tickets:case.statuses.${status}`) }),
    )
    if (penaltyFen !== null) lines.push(t('tickets:case.penalty', { amount: formatMoney(penaltyFen, 'zh-CN') }))
  }
  if (view.related && view.related.length > 0) {
    const list = view.related.map((r) =>
      r.link ? `<a href="${escapeHtml(r.link)}">${escapeHtml(r.trackingNumber)}</a>` : escapeHtml(r.trackingNumber),
    )
    lines.push(t('tickets:card.related', { count: view.related.length, list: list.join(', ') }))
  }
  return lines
}

/**
 * Who filed it: a complaint's contact (masked on a station's card) and masked ID; a named report's the same on a
 * bureau station's card with its confidentiality said, none on a first-mile station's or a liaison's (the identity
 * is for the handling bureau only); an anonymous report's nothing at all.
 */
function identityLines(view: TicketCardView, t: TFunction, options: TicketCardOptions): string[] {
  if (view.kind === 'REPORT' && view.anonymous) return [t('delivery:card.reportAnonymous')]
  const report = view.kind === 'REPORT'
  const lines: string[] = []
  if ((view.contactName || view.contactPhone) && !(report && reporterHidden(view, options))) {
    const masked = options.viewer === 'station'
    const name = view.contactName ? (masked ? maskName(view.contactName) : view.contactName) : ''
    const phone = view.contactPhone ? (masked ? maskPhone(view.contactPhone) : view.contactPhone) : ''
    lines.push(t('delivery:card.contact', { name: escapeHtml(name), phone: escapeHtml(phone) }).trim())
    if (view.idType && view.idNumberMasked) {
      lines.push(
        t('delivery:card.idDocument', {
          type: t(`intake:idTypes.${view.idType}`),
          number: escapeHtml(view.idNumberMasked),
        }),
      )
    }
  }
  if (report) lines.push(t('delivery:card.reportNamed'))
  return lines
}

function buttons(view: TicketCardView, t: TFunction, options: TicketCardOptions): InlineKeyboardButton[][] {
  const role = options.viewer === 'station' ? 'STAFF' : 'LIAISON'
  // Only what this station may do: a first-mile station's card never offers the bureau's formal acts.
  const actions = availableActions(
    view.kind,
    view.status,
    role,
    view.station?.kind ?? null,
    view.enforcementCase?.status ?? 'NONE',
  ).filter((action) => !NOT_ON_CARDS.has(action) && offeredNow(action, view))
  const rows: InlineKeyboardButton[][] = []
  actions.forEach((action, index) => {
    // On a complaint, FILE_CASE is 诉转案: it opens the case for verification, not a report's 立案.
    const label =
      view.kind === 'COMPLAINT' && action === 'FILE_CASE'
        ? t('tickets:case.openButton')
        : t(`delivery:actions.${action}`)
    const button = { text: label, callback_data: ticketActionData(action, view.complaintId) }
    if (index % BUTTONS_PER_ROW === 0) rows.push([button])
    else rows[rows.length - 1]?.push(button)
  })
  if (options.viewer === 'station') rows.push(...clockButtons(view, t))
  const hidden = view.kind === 'REPORT' && reporterHidden(view, options)
  if (options.viewer === 'station' && (view.contactName || view.contactPhone) && !hidden) {
    rows.push([{ text: t('delivery:card.showContact'), callback_data: showContactData(view.complaintId) }])
  }
  return rows
}

/** Actions the status allows but the ticket's state rules out: a second extension, a notice that is not owed. */
function offeredNow(action: LifecycleAction, view: TicketCardView): boolean {
  if (action === 'EXTEND_FILING_DECISION') return !view.filingExtensionNote
  if (action === 'RECORD_NOTICE') return view.noticeUndelivered === true
  return true
}

/** A named reporter's identity is for the handling bureau only (canSeeContact): not on a liaison's or a first-mile
 * station's card, not even masked. */
function reporterHidden(view: TicketCardView, options: TicketCardOptions): boolean {
  return options.viewer === 'liaison' || !isBureauStation(view.station?.kind)
}

/** The English name where the card is in English and one exists. */
function localName(named: AreaName, t: TFunction): string {
  // i18next's fixed t carries its language; the type does not declare it.
  const language = (t as unknown as { lng?: string }).lng
  return language === 'en' && named.nameEn ? named.nameEn : named.name
}
