// The deadline lines of a ticket card: the decision due while it is pending, or a first-mile station's own target.
import type { ComplaintKind, ComplaintStatus } from '../../domain/lifecycle/index.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { formatDate, localeOfT } from '../format.ts'
import { escapeHtml } from '../html.ts'

/** What the lines are drawn from (a ticket card's view). */
export interface ClockedTicket {
  kind: ComplaintKind
  status: ComplaintStatus
  /** 'YYYY-MM-DD': a complaint's acceptance decision, a report's filing decision. */
  decisionDueOn: string | null
  dueDatesFinal: boolean
  localTargetOn?: string | null | undefined
  filingExtensionNote?: string | null | undefined
}

/**
 * The decision deadline of the ticket's kind while the decision is pending (a complaint's acceptance, a report's
 * filing decision; an inquiry has none), each with its own provisional flag; at a first-mile station the local
 * target instead, marked as a target.
 */
export function clockLines(view: ClockedTicket, t: TFunction): string[] {
  const lines: string[] = []
  const pending =
    view.kind === 'COMPLAINT'
      ? isOpenForAcceptance(view.status)
      : view.kind === 'REPORT' && isOpenForFiling(view.status)
  if (view.decisionDueOn && pending) {
    const key = view.kind === 'COMPLAINT' ? 'delivery:card.decisionDue' : 'delivery:card.filingDecisionDue'
    lines.push(
      t(view.dueDatesFinal ? key : `${key}Provisional`, { date: formatDate(view.decisionDueOn, localeOfT(t)) }),
    )
    if (view.kind === 'REPORT' && view.filingExtensionNote)
      lines.push(t('delivery:card.filingExtended', { note: escapeHtml(view.filingExtensionNote) }))
  } else if (
    view.localTargetOn &&
    !view.decisionDueOn &&
    (isOpenForAcceptance(view.status) || isOpenForFiling(view.status))
  ) {
    lines.push(t(`delivery:card.localTarget.${view.kind}`, { date: formatDate(view.localTargetOn, localeOfT(t)) }))
  }
  return lines
}

/** The acceptance deadline matters until the station has decided. */
function isOpenForAcceptance(status: ComplaintStatus): boolean {
  return status === 'SUBMITTED' || status === 'RECEIVED' || status === 'LOCAL_MEDIATION' || status === 'ESCALATED'
}

function isOpenForFiling(status: ComplaintStatus): boolean {
  return status === 'RECEIVED' || status === 'ESCALATED' || status === 'VERIFYING'
}
