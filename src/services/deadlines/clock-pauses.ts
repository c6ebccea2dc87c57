import type { Database } from '../../db/client.ts'
import { Prisma } from '../../db/client.ts'
import { dayOfDateColumn, type LocalDate, localDateOf } from '../../domain/calendar/local-date.ts'
import { activeWorkingDayCalendar, type DeadlineDate } from '../../domain/calendar/working-day-calendar.ts'
import {
  type Clock,
  calendarDaysPaused,
  calendarDueAfterPauses,
  dueAfterPause,
  type PauseReason,
  type PauseUnit,
  pausableClock,
  pauseUnit,
} from '../../domain/deadlines/index.ts'
import { isBureauStation } from '../../domain/lifecycle/station-powers.ts'
import { type RuleId, statutoryRule } from '../../domain/rules/statutory-rules.ts'
import type { Logger } from '../../logging/logger.ts'
import { loadActor, rolesOnComplaint } from '../access/access-policy.ts'
import { notificationJob } from '../notifications/registry.ts'
import { type Outbox, type OutboxJob, recordOutboxJobs } from '../outbox/outbox.ts'

const asDate = (date: string) => new Date(`${date}T00:00:00Z`)

/** The due-date column and its provisional flag of each pausable clock. */
const COLUMNS = {
  DECISION: { date: 'decisionDueOn', final: 'dueDatesFinal' },
  MEDIATION: { date: 'mediationDueOn', final: 'mediationDueFinal' },
} as const

/** A ticket by its tracking number (typed in a command) or its id (a card's button). */
export type TicketRef = string | { complaintId: string }

export type PauseResult =
  | { status: 'started'; trackingNumber: string; clock: Clock; reason: PauseReason; startedOn: LocalDate }
  | {
      status: 'ended'
      trackingNumber: string
      clock: Clock
      reason: PauseReason
      /** The time kept out of the period, in its unit: working days, or calendar days (Order 121's mediation). */
      pausedDays: number
      unit: PauseUnit
      dueOn: LocalDate
    }
  | { status: 'not-found' | 'forbidden' | 'not-pausable' | 'already-paused' | 'not-paused' }

/**
 * Records the start and end of a pause of a ticket's clock: testing, inspection or appraisal (检测、检验、鉴定) stops
 * mediation, waiting for the complainant's proof of identity (Order 121) the acceptance decision. Only staff of the
 * bureau station holding the ticket (or an admin) may; the request carries ids only, the roles are loaded here.
 * At the end the due date moves by the paused working days, an event is logged, the card is refreshed and the
 * station and consumer are told the new date.
 */
/**
 * The clock's due date once this pause ended: a working-day period moves by the working days paused; a calendar-day
 * one (Order 121's mediation) is counted again from acceptance with every ended pause's calendar days, so that a
 * date moved off a holiday before is not moved twice.
 */
async function dueAfterThisPause(
  tx: Prisma.TransactionClient,
  complaint: { id: string; rule: RuleId; acceptedAt: Date | null },
  clock: keyof typeof COLUMNS,
  unit: PauseUnit,
  pause: { dueOn: LocalDate; startedOn: LocalDate; endedOn: LocalDate },
): Promise<DeadlineDate & { pausedDays: number }> {
  const calendar = activeWorkingDayCalendar()
  if (unit === 'CALENDAR_DAYS' && clock === 'MEDIATION' && complaint.acceptedAt) {
    const ended = await tx.clockPause.findMany({ where: { complaintId: complaint.id, clock, endedOn: { not: null } } })
    const due = calendarDueAfterPauses(
      localDateOf(complaint.acceptedAt),
      statutoryRule(complaint.rule).timeLimits.mediationEnd.amount,
      ended.flatMap((p) =>
        p.endedOn ? [{ startedOn: dayOfDateColumn(p.startedOn), endedOn: dayOfDateColumn(p.endedOn) }] : [],
      ),
      calendar,
    )
    return { ...due, pausedDays: calendarDaysPaused(pause.startedOn, pause.endedOn) }
  }
  const moved = dueAfterPause(pause.dueOn, pause.startedOn, pause.endedOn, calendar)
  return { date: moved.date, calendarPublished: moved.calendarPublished, pausedDays: moved.pausedWorkingDays }
}

export function createClockPauses(deps: { db: Database; outbox: Outbox; log: Logger }) {
  const { db } = deps

  async function authorised(ticket: TicketRef, personId: number) {
    const where = typeof ticket === 'string' ? { trackingNumber: ticket } : { id: ticket.complaintId }
    const complaint = await db.complaint.findUnique({ where, include: { station: true } })
    if (!complaint) return { status: 'not-found' as const }
    const roles = rolesOnComplaint(await loadActor(db, personId), complaint)
    // The bureau's act (§12), whoever presses: staff of the bureau station, or an admin, recorded as what they are.
    const role = isBureauStation(complaint.station?.kind)
      ? (['STAFF', 'ADMIN'] as const).find((held) => roles.includes(held))
      : undefined
    if (!role) return { status: 'forbidden' as const }
    return { status: 'ok' as const, complaint, role }
  }

  return {
    async start(ticket: TicketRef, personId: number, reason: PauseReason, now: Date): Promise<PauseResult> {
      const found = await authorised(ticket, personId)
      if (found.status !== 'ok') return found
      const { complaint, role } = found
      const { trackingNumber } = complaint
      const clock = pausableClock(complaint.kind, complaint.status, reason)
      if ((clock !== 'DECISION' && clock !== 'MEDIATION') || complaint[COLUMNS[clock].date] === null)
        return { status: 'not-pausable' }
      const startedOn = localDateOf(now)
      const jobs: OutboxJob[] = []
      try {
        await db.$transaction(async (tx) => {
          await tx.clockPause.create({
            data: {
              complaintId: complaint.id,
              clock,
              reason,
              startedOn: asDate(startedOn),
              startedBy: personId,
              createdAt: now,
            },
          })
          const event = await tx.complaintEvent.create({
            data: {
              complaintId: complaint.id,
              actorId: personId,
              actorRole: role,
              action: 'CLOCK_PAUSED',
              fromStatus: complaint.status,
              toStatus: complaint.status,
              data: { clock, reason, startedOn },
              createdAt: now,
            },
          })
          const eventId = event.id.toString()
          jobs.push(
            notificationJob({ type: 'ticket-card-refresh', complaintId: complaint.id, eventId }),
            notificationJob({ type: 'clock-paused', complaintId: complaint.id, eventId, clock, reason, startedOn }),
          )
          await recordOutboxJobs(tx, jobs)
        })
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
          return { status: 'already-paused' }
        throw error
      }
      await deps.outbox.dispatch(jobs)
      return { status: 'started', trackingNumber, clock, reason, startedOn }
    },

    async end(ticket: TicketRef, personId: number, now: Date): Promise<PauseResult> {
      const found = await authorised(ticket, personId)
      if (found.status !== 'ok') return found
      const { complaint, role } = found
      const { trackingNumber } = complaint
      const pause = await db.clockPause.findFirst({ where: { complaintId: complaint.id, endedOn: null } })
      if (!pause) return { status: 'not-paused' }
      const clock = pause.clock as keyof typeof COLUMNS
      const reason = pause.reason as PauseReason
      const columns = COLUMNS[clock]
      const endedOn = localDateOf(now)
      const jobs: OutboxJob[] = []
      const result = await db.$transaction(async (tx) => {
        const ended = await tx.clockPause.updateMany({
          where: { id: pause.id, endedOn: null },
          data: { endedOn: asDate(endedOn), endedBy: personId },
        })
        if (ended.count === 0) return null
        const current = await tx.complaint.findUniqueOrThrow({ where: { id: complaint.id } })
        const storedDue = current[columns.date]
        const unit = pauseUnit(clock, current.rule)
        if (!storedDue) return { pausedDays: 0, unit, dueOn: endedOn }
        const from = dayOfDateColumn(storedDue)
        const moved = await dueAfterThisPause(tx, current, clock, unit, {
          dueOn: from,
          startedOn: dayOfDateColumn(pause.startedOn),
          endedOn,
        })
        await tx.clockPause.update({ where: { id: pause.id }, data: { pausedWorkingDays: moved.pausedDays } })
        await tx.complaint.update({
          where: { id: complaint.id },
          data: {
            [columns.date]: asDate(moved.date),
            [columns.final]: current[columns.final] && moved.calendarPublished,
          },
        })
        const event = await tx.complaintEvent.create({
          data: {
            complaintId: complaint.id,
            actorId: personId,
            actorRole: role,
            action: 'DUE_DATE_CHANGED',
            fromStatus: current.status,
            toStatus: current.status,
            data: {
              clock,
              from,
              to: moved.date,
              reason: 'PAUSE',
              pause: reason,
              startedOn: dayOfDateColumn(pause.startedOn),
              endedOn,
              pausedDays: moved.pausedDays,
              unit,
            },
            createdAt: now,
          },
        })
        const eventId = event.id.toString()
        jobs.push(notificationJob({ type: 'ticket-card-refresh', complaintId: complaint.id, eventId }))
        // The consumer was told the clock stopped and promised the new date: told it runs again, moved or not.
        jobs.push(
          notificationJob({
            type: 'deadline-change',
            complaintId: complaint.id,
            eventId,
            clock,
            from,
            to: moved.date,
            reason: { type: 'PAUSE', pause: reason },
            recipient: 'consumer',
          }),
        )
        await recordOutboxJobs(tx, jobs)
        return { pausedDays: moved.pausedDays, unit, dueOn: moved.date }
      })
      if (!result) return { status: 'not-paused' }
      await deps.outbox.dispatch(jobs)
      return { status: 'ended', trackingNumber, clock, reason, ...result }
    },
  }
}
