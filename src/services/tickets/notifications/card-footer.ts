import type { Database } from '../../../db/client.ts'
import { formatFen } from '../../../domain/intake/amount.ts'
import { mediationTerminationArticle, nonAcceptanceArticle, type MediationTerminationGround, type NonAcceptanceGround } from '../../../domain/rules/index.ts'
import type { TFunction } from '../../../i18n/translator.ts'
import { caseStepOf } from '../../delivery/consumer-status.ts'
import { escapeHtml } from '../../delivery/html.ts'
import { lastAction } from '../last-event.ts'
import { formatShanghaiTime } from './time.ts'

/**
 * The lines the tickets feature adds under a card: who took the last step and when, the ground, the money
 * recovered, the mediation deadline and the rating (related complaints and the case are part of the card itself).
 */
export async function cardFooter(db: Database, complaintId: string, t: TFunction): Promise<string[]> {
  const complaint = await db.complaint.findUniqueOrThrow({ where: { id: complaintId } })
  const lines: string[] = []
  const last = await lastAction(db, complaintId)
  if (last && last.action !== 'SUBMIT') {
    // The consumer is named by role: handlers know who they are, and the card may be seen by more people.
    const actor = last.actorName && last.actorRole !== 'CONSUMER' ? escapeHtml(last.actorName) : t(`tickets:roles.${last.actorRole}`)
    const caseStep = caseStepOf(complaint.kind, last.action)
    const step = caseStep ? t(`tickets:case.steps.${caseStep}`) : t(`tickets:steps.${last.action}`, { defaultValue: last.action })
    lines.push(t('tickets:card.lastStep', { step, actor, time: formatShanghaiTime(last.at) }))
  }
  if (complaint.ground) {
    // A ticket never accepted was rejected; an accepted one can only have ended its mediation.
    const article = complaint.acceptedAt === null
      ? nonAcceptanceArticle(complaint.rule, complaint.ground as NonAcceptanceGround)
      : mediationTerminationArticle(complaint.rule, complaint.ground as MediationTerminationGround)
    lines.push(t('tickets:card.ground', { ground: groundLabel(t, complaint.ground), article: article ?? '' }))
  }
  if (complaint.recoveredFen !== null) lines.push(t('tickets:card.recovered', { amount: formatFen(Number(complaint.recoveredFen), 'zh-CN') }))
  if (complaint.mediationDueOn && (complaint.status === 'ACCEPTED' || complaint.status === 'MEDIATING')) {
    lines.push(t('tickets:card.mediationDue', { date: complaint.mediationDueOn.toISOString().slice(0, 10) }))
  }
  if (complaint.satisfaction !== null) {
    lines.push(t('tickets:card.rating', { stars: '⭐'.repeat(complaint.satisfaction), rating: complaint.satisfaction }))
    if (complaint.satisfactionComment) lines.push(t('tickets:card.ratingComment', { comment: escapeHtml(complaint.satisfactionComment) }))
  }
  return lines
}

/** A ground's label; the same code names the concept under either rule. */
export function groundLabel(t: TFunction, code: string): string {
  return t(`tickets:grounds.${code}`, { defaultValue: code })
}
