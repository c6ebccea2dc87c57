import type { Database } from '../../db/client.ts'
import { dayOfDateColumn, type LocalDate, localDateOf } from '../../domain/calendar/local-date.ts'
import { activeWorkingDayCalendar, type DeadlineDate } from '../../domain/calendar/working-day-calendar.ts'
import { type Clock, calendarDueAfterPauses, dueAfterPause, pauseUnit } from '../../domain/deadlines/index.ts'
import { isOpenStatus } from '../../domain/lifecycle/statuses.ts'
import {
  bureauReceipt,
  mediationDeadline,
  reporterNoticeDeadline,
  reportFilingDecisionDeadline,
  statutoryRule,
  terminationNoticeDeadline,
} from '../../domain/rules/index.ts'
import type { Complaint } from '../../generated/prisma/client.ts'
import type { Logger } from '../../logging/logger.ts'
import { notificationJob } from '../notifications/registry.ts'
import { type Outbox, type OutboxJob, recordOutboxJobs } from '../outbox/outbox.ts'

const iso = (date: Date | null) => (date ? dayOfDateColumn(date) : null)
const asDate = (date: string) => new Date(`${date}T00:00:00Z`)

/** The stored columns of each clock that has a stored date and a provisional flag. */
const COLUMNS = {
  DECISION: { date: 'decisionDueOn', final: 'dueDatesFinal' },
  MEDIATION: { date: 'mediationDueOn', final: 'mediationDueFinal' },
  TERMINATION_NOTICE: { date: 'terminationNoticeDueOn', final: 'terminationNoticeDueFinal' },
  REPORTER_NOTICE: { date: 'reporterNoticeDueOn', final: 'reporterNoticeDueFinal' },
} as const satisfies Partial<Record<Clock, { date: keyof Complaint; final: keyof Complaint }>>

type StoredClock = keyof typeof COLUMNS

/** The clocks the consumer is shown a date of (the card, /my and the status message). */
const CONSUMER_SEES: ReadonlySet<StoredClock> = new Set(['DECISION', 'MEDIATION'])

/** What the recomputation did. */
export interface RecomputeResult {
  recomputed: number
  moved: number
}

/**
 * Recounts, with the calendar in force after a holiday year was imported, every stored due date it can change: the
 * provisional ones, and every date on or after 1 January of that year (counted with an earlier notice of the year, or
 * the bundled one: a corrected notice moves them too). From the day its clock started, plus the working days of
 * ended pauses. A date that moved is logged as a DUE_DATE_CHANGED event; the station of an open ticket is told, the
 * consumer only when a date they see moved.
 */
export async function recomputeDueDates(
  deps: { db: Database; outbox: Outbox; log: Logger },
  year: number,
  now: Date,
): Promise<RecomputeResult> {
  const { db } = deps
  const firstDay = `${year}-01-01` as LocalDate
  const from = asDate(firstDay)
  const complaints = await db.complaint.findMany({
    where: {
      OR: [
        { dueDatesFinal: false, decisionDueOn: { not: null } },
        { mediationDueFinal: false, mediationDueOn: { not: null } },
        { terminationNoticeDueFinal: false, terminationNoticeDueOn: { not: null } },
        { reporterNoticeDueFinal: false, reporterNoticeDueOn: { not: null } },
        { decisionDueOn: { gte: from } },
        { mediationDueOn: { gte: from } },
        { terminationNoticeDueOn: { gte: from } },
        { reporterNoticeDueOn: { gte: from } },
      ],
    },
  })
  let recomputed = 0
  let moved = 0
  for (const complaint of complaints) {
    const jobs: OutboxJob[] = []
    await db.$transaction(async (tx) => {
      const pauses = await tx.clockPause.findMany({
        where: { complaintId: complaint.id, endedOn: { not: null } },
        orderBy: { id: 'asc' },
      })
      const events = await tx.complaintEvent.findMany({
        where: { complaintId: complaint.id, action: { in: ['END_MEDIATION', 'WITHDRAW', 'FILE_CASE', 'NOT_FILE'] } },
        orderBy: { id: 'desc' },
      })
      const startOf = (actions: readonly string[]) => {
        const event = events.find((candidate) => actions.includes(candidate.action))
        return event ? localDateOf(event.createdAt) : null
      }
      for (const clock of Object.keys(COLUMNS) as StoredClock[]) {
        const columns = COLUMNS[clock]
        const stored = iso(complaint[columns.date])
        if (stored === null || (complaint[columns.final] && stored < firstDay)) continue
        const base = baseDeadline(complaint, clock, startOf)
        if (!base) continue
        // Only ended pauses were read.
        const ended = pauses.flatMap((pause) =>
          pause.clock === clock && pause.endedOn !== null
            ? [{ startedOn: dayOfDateColumn(pause.startedOn), endedOn: dayOfDateColumn(pause.endedOn) }]
            : [],
        )
        let due: DeadlineDate = base
        if (clock === 'MEDIATION' && complaint.acceptedAt && pauseUnit(clock, complaint.rule) === 'CALENDAR_DAYS') {
          // A calendar-day period is counted again from acceptance with the paused days (clock-pauses.ts).
          const days = statutoryRule(complaint.rule).timeLimits.mediationEnd.amount
          due = calendarDueAfterPauses(localDateOf(complaint.acceptedAt), days, ended, activeWorkingDayCalendar())
        } else {
          for (const pause of ended) {
            const after = dueAfterPause(due.date, pause.startedOn, pause.endedOn, activeWorkingDayCalendar())
            due = { date: after.date, calendarPublished: due.calendarPublished && after.calendarPublished }
          }
        }
        recomputed++
        await tx.complaint.update({
          where: { id: complaint.id },
          data: { [columns.date]: asDate(due.date), [columns.final]: due.calendarPublished },
        })
        if (due.date === stored) continue
        moved++
        const event = await tx.complaintEvent.create({
          data: {
            complaintId: complaint.id,
            actorRole: 'SYSTEM',
            action: 'DUE_DATE_CHANGED',
            fromStatus: complaint.status,
            toStatus: complaint.status,
            data: { clock, from: stored, to: due.date, final: due.calendarPublished, reason: 'CALENDAR', year },
            createdAt: now,
          },
        })
        const eventId = event.id.toString()
        if (!isOpenStatus(complaint.status)) continue
        const change = {
          type: 'deadline-change' as const,
          v: 1 as const,
          complaintId: complaint.id,
          eventId,
          clock,
          from: stored,
          to: due.date,
          reason: { type: 'CALENDAR' as const, year },
        }
        jobs.push(
          notificationJob({ type: 'ticket-card-refresh', complaintId: complaint.id, eventId }),
          notificationJob({ ...change, recipient: 'station' }),
        )
        if (CONSUMER_SEES.has(clock)) jobs.push(notificationJob({ ...change, recipient: 'consumer' }))
      }
      await recordOutboxJobs(tx, jobs)
    })
    await deps.outbox.dispatch(jobs)
  }
  deps.log.info({ year, recomputed, moved }, 'due dates recomputed after a holiday year was imported')
  return { recomputed, moved }
}

/** The due date of a clock counted from its start, without pauses; null when its start is not known. */
function baseDeadline(
  complaint: Complaint,
  clock: StoredClock,
  startOf: (actions: readonly string[]) => LocalDate | null,
): DeadlineDate | null {
  switch (clock) {
    case 'DECISION': {
      if (!complaint.bureauReceivedAt) return null
      if (complaint.kind === 'REPORT' && complaint.filingExtensionNote !== null) {
        return reportFilingDecisionDeadline(localDateOf(complaint.bureauReceivedAt), complaint.rule, { extended: true })
      }
      return bureauReceipt(complaint.kind, complaint.bureauReceivedAt).decisionDue
    }
    case 'MEDIATION':
      return complaint.acceptedAt ? mediationDeadline(localDateOf(complaint.acceptedAt), complaint.rule) : null
    case 'TERMINATION_NOTICE': {
      const endedOn = startOf(['END_MEDIATION', 'WITHDRAW'])
      return endedOn ? terminationNoticeDeadline(endedOn, complaint.rule) : null
    }
    case 'REPORTER_NOTICE': {
      const decidedOn = startOf(['FILE_CASE', 'NOT_FILE'])
      return decidedOn ? reporterNoticeDeadline(decidedOn, complaint.rule) : null
    }
  }
}
