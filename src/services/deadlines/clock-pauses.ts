import type { Database } from '../../db/client.ts'
import { Prisma } from '../../db/client.ts'
import { dayOfDateColumn, type LocalDate, localDateOf } from '../../domain/calendar/local-date.ts'
import { activeWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import { type Clock, dueAfterPause, type PauseReason, pausableClock } from '../../domain/deadlines/index.ts'
import { isBureauStation } from '../../domain/lifecycle/station-powers.ts'
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
      pausedWorkingDays: number
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
        if (!storedDue) return { pausedWorkingDays: 0, dueOn: endedOn }
        const from = dayOfDateColumn(storedDue)
        const moved = dueAfterPause(from, dayOfDateColumn(pause.startedOn), endedOn, activeWorkingDayCalendar())
        await tx.clockPause.update({ where: { id: pause.id }, data: { pausedWorkingDays: moved.pausedWorkingDays } })
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
              pausedWorkingDays: moved.pausedWorkingDays,
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
        return { pausedWorkingDays: moved.pausedWorkingDays, dueOn: moved.date }
      })
      if (!result) return { status: 'not-paused' }
      await deps.outbox.dispatch(jobs)
      return { status: 'ended', trackingNumber, clock, reason, ...result }
    },
  }
}
