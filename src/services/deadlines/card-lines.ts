import type { Database } from '../../db/client.ts'
import { dayOfDateColumn } from '../../domain/calendar/local-date.ts'
import { pauseUnit } from '../../domain/deadlines/clock-pause.ts'
import type { Clock } from '../../domain/deadlines/clocks.ts'
import type { ComplaintKind } from '../../domain/lifecycle/kinds.ts'
import type { RuleId } from '../../domain/rules/statutory-rules.ts'
import type { TFunction } from '../../i18n/translator.ts'
import { formatDate, localeOfT, pausedDaysContext } from '../../telegram/format.ts'
import { clockLabel } from './due-list.ts'
import { ticketsWithClocks } from './open-clocks-query.ts'

/**
 * The deadline lines of a ticket's card (and of the consumer's detail): a running clock past its due date and
 * reported for supervision (超期), a running pause, and the last ended pause with the new due date.
 */
export async function deadlineLines(
  db: Database,
  complaint: { id: string; kind: ComplaintKind; rule: RuleId },
  t: TFunction,
): Promise<string[]> {
  const lines: string[] = []
  const day = (date: Date | string) => formatDate(typeof date === 'string' ? date : dayOfDateColumn(date), localeOfT(t))
  const [ticket] = await ticketsWithClocks(db, { complaintIds: [complaint.id] })
  if (ticket) {
    const overdue = await db.deadlineNotice.findMany({ where: { complaintId: complaint.id, kind: 'OVERDUE' } })
    for (const clock of ticket.clocks) {
      if (clock.clock === 'LOCAL_TARGET') continue
      if (overdue.some((notice) => notice.clock === clock.clock && dayOfDateColumn(notice.dueOn) === clock.dueOn)) {
        lines.push(
          t('deadlines:card.overdue', { clock: clockLabel(t, clock.clock, complaint.kind), date: day(clock.dueOn) }),
        )
      }
    }
  }
  const pauses = await db.clockPause.findMany({
    where: { complaintId: complaint.id },
    orderBy: { id: 'desc' },
    take: 1,
  })
  const pause = pauses[0]
  if (pause) {
    const clock = clockLabel(t, pause.clock as Clock, complaint.kind)
    const reason = t(`deadlines:pause.reason.${pause.reason}`)
    if (!pause.endedOn) lines.push(t('deadlines:card.paused', { clock, reason, date: day(pause.startedOn) }))
    else {
      const stored = await db.complaint.findUnique({
        where: { id: complaint.id },
        select: { decisionDueOn: true, mediationDueOn: true },
      })
      const due = pause.clock === 'MEDIATION' ? stored?.mediationDueOn : stored?.decisionDueOn
      if (due)
        lines.push(
          t('deadlines:card.resumed', {
            reason,
            from: day(pause.startedOn),
            to: day(pause.endedOn),
            days: pause.pausedWorkingDays ?? 0,
            date: day(due),
            ...pausedDaysContext(pauseUnit(pause.clock, complaint.rule)),
          }),
        )
    }
  }
  return lines
}
