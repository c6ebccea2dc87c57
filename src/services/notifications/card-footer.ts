import type { Database } from '../../db/client.ts'
import { dayOfDateColumn } from '../../domain/calendar/local-date.ts'
import { noticeOwedIn } from '../../domain/deadlines/owed-notice.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { formatDate, formatMoney, formatShanghaiTime, localeOfT } from '../../telegram/format.ts'
import { escapeHtml, visibleLength } from '../../telegram/html.ts'
import { caseStepOf } from '../../telegram/render/consumer-status.ts'
import { groundListOf, groundText } from '../../telegram/render/ground-text.ts'
import { MAX_MESSAGE_LENGTH } from '../../telegram/split-text.ts'
import { lastAction } from '../complaints/last-event.ts'
import { deadlineLines } from '../deadlines/card-lines.ts'
import { noticeStanding } from '../deadlines/owed-notice-query.ts'

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
    const actor =
      last.actorName && last.actorRole !== 'CONSUMER'
        ? escapeHtml(last.actorName)
        : t(`tickets:roles.${last.actorRole}`)
    const caseStep = caseStepOf(complaint.kind, last.action)
    const step = caseStep
      ? t(`tickets:case.steps.${caseStep}`)
      : t(`tickets:steps.${last.action}`, { defaultValue: last.action })
    lines.push(t('tickets:card.lastStep', { step, actor, time: formatShanghaiTime(last.at) }))
  }
  if (complaint.ground) {
    const ground = groundText(
      t,
      localeOfT(t),
      complaint.rule,
      groundListOf(complaint.acceptedAt !== null),
      complaint.ground,
    )
    lines.push(t('tickets:card.ground', { ground: ground.label, article: ground.article }))
  }
  if (complaint.recoveredFen !== null)
    lines.push(t('tickets:card.recovered', { amount: formatMoney(complaint.recoveredFen, 'zh-CN') }))
  const due = (key: string, date: Date, final: boolean) =>
    t(final ? key : `${key}Provisional`, {
      date: formatDate(dayOfDateColumn(date), localeOfT(t)),
      defaultValue: `${t(key, { date: formatDate(dayOfDateColumn(date), localeOfT(t)) })}${t('tickets:card.provisional')}`,
    })
  if (complaint.mediationDueOn && (complaint.status === 'ACCEPTED' || complaint.status === 'MEDIATING')) {
    lines.push(due('tickets:card.mediationDue', complaint.mediationDueOn, complaint.mediationDueFinal))
  }
  const notice = noticeOwedIn(complaint.kind, complaint.status)
  const standing = notice ? await noticeStanding(db, complaint.id) : undefined
  if (notice && standing?.owed) {
    const [key, dueOn, final] =
      notice === 'TERMINATION_NOTICE'
        ? ['tickets:card.terminationNoticeDue', complaint.terminationNoticeDueOn, complaint.terminationNoticeDueFinal]
        : ['tickets:card.reporterNoticeDue', complaint.reporterNoticeDueOn, complaint.reporterNoticeDueFinal]
    if (dueOn) lines.push(due(key, dueOn, final))
    if (standing.undelivered) {
      const button = t('delivery:actions.RECORD_NOTICE')
      lines.push(t('tickets:card.noticeUndelivered', { notice: t(`deadlines:clock.${notice}`), button }))
    }
  }
  lines.push(...(await deadlineLines(db, complaint, t)))
  if (complaint.satisfaction !== null) {
    lines.push(t('tickets:card.rating', { stars: '⭐'.repeat(complaint.satisfaction), rating: complaint.satisfaction }))
    if (complaint.satisfactionComment)
      lines.push(t('tickets:card.ratingComment', { comment: escapeHtml(complaint.satisfactionComment) }))
  }
  return lines
}

/** The card with its footer, as long as both fit in one message (the card itself always does). */
export function withFooter(card: string, footer: readonly string[]): string {
  if (footer.length === 0) return card
  const lines = [...footer]
  while (lines.length > 0) {
    const text = `${card}\n\n${lines.join('\n')}`
    if (visibleLength(text) <= MAX_MESSAGE_LENGTH) return text
    lines.pop()
  }
  return card
}
