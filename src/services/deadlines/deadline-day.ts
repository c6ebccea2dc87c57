import type { Database, Prisma } from '../../db/client.ts'
import type { LocalDate } from '../../domain/calendar/local-date.ts'
import { activeWorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import { type Clock, type DeadlineNoticeKind, dueStanding, noticeDue } from '../../domain/deadlines/index.ts'
import type { LifecycleEvent } from '../../domain/lifecycle/index.ts'
import type { Logger } from '../../logging/logger.ts'
import { notificationJob } from '../notifications/registry.ts'
import { type Outbox, type OutboxJob, recordOutboxJobs } from '../outbox/outbox.ts'
import { escalationTargetFor } from '../tickets/action-inputs.ts'
import { complaintChanges, followUpJobs } from '../tickets/transition-changes.ts'
import { type TicketWithClocks, ticketsWithClocks } from './open-clocks-query.ts'
import { supervisingStationOf } from './supervising-station.ts'

type Tx = Prisma.TransactionClient

/** What one day's deadline work did. */
export type DeadlineDayResult =
  | { status: 'not-working-day' | 'already-done' }
  | { status: 'done'; reminders: number; overdue: number; escalated: number; digests: number; supervision: number }

interface Decided {
  ticket: TicketWithClocks
  clock: Clock
  dueOn: LocalDate
  /** Counted through a year whose holiday schedule is not published yet. */
  provisional: boolean
  kind: DeadlineNoticeKind
}

/**
 * The day's deadline work, once for all worker processes (an advisory lock and the `day:<date>` run row, in the
 * same transaction as everything it records): the reminders and overdue notices each clock calls for (a
 * deadline_notice row each, unique per clock, kind and due date), the overdue events and card refreshes, the
 * automatic escalation of first-mile stages past their local target, one supervision digest per supervising station
 * and one digest per station group with something due. Messages are outbox jobs of that transaction, so a Redis
 * flush or a dead worker loses nothing and doubles nothing.
 */
export async function runDeadlineDay(
  deps: { db: Database; outbox: Outbox; log: Logger; lead?: number },
  today: LocalDate,
  now: Date,
): Promise<DeadlineDayResult> {
  const calendar = activeWorkingDayCalendar()
  if (!calendar.isWorkingDay(today)) return { status: 'not-working-day' }
  let jobs: OutboxJob[] = []
  const result = await deps.db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('grid12315-deadline-day'))`)
      const fresh = await tx.deadlineRun.createMany({ data: [{ key: `day:${today}` }], skipDuplicates: true })
      if (fresh.count === 0) return { status: 'already-done' as const }
      const tickets = await ticketsWithClocks(tx)
      const candidates: Decided[] = tickets.flatMap((ticket) =>
        ticket.clocks.flatMap((clock) => {
          const kind = noticeDue(clock, today, calendar, deps.lead)
          return kind ? [{ ticket, clock: clock.clock, dueOn: clock.dueOn, provisional: clock.provisional, kind }] : []
        }),
      )
      const decided = await recordNotices(tx, candidates, today)
      const out: OutboxJob[] = []
      const supervision = new Map<string, Array<{ complaintId: string; clock: Clock; dueOn: string }>>()
      let escalated = 0
      for (const notice of decided) {
        const { ticket } = notice
        if (notice.kind !== 'OVERDUE') {
          const daysLeft = Math.max(0, calendar.workingDaysBetween(today, notice.dueOn))
          out.push(
            notificationJob({
              type: 'deadline-reminder',
              complaintId: ticket.complaintId,
              clock: notice.clock,
              kind: notice.kind,
              dueOn: notice.dueOn,
              daysLeft,
              provisional: notice.provisional,
            }),
          )
          continue
        }
        if (notice.clock === 'LOCAL_TARGET') {
          const moved = await escalatePastTarget(tx, ticket, notice.dueOn, now)
          if (moved.length > 0) escalated++
          out.push(...moved)
          continue
        }
        const event = await tx.complaintEvent.create({
          data: {
            complaintId: ticket.complaintId,
            actorRole: 'SYSTEM',
            action: 'DEADLINE_OVERDUE',
            fromStatus: ticket.status,
            toStatus: ticket.status,
            data: { clock: notice.clock, dueOn: notice.dueOn },
            createdAt: now,
          },
        })
        out.push(
          notificationJob({
            type: 'ticket-card-refresh',
            complaintId: ticket.complaintId,
            eventId: event.id.toString(),
          }),
        )
        const supervisor = ticket.stationKind
          ? await supervisingStationOf(tx, { kind: ticket.stationKind, districtCode: ticket.stationDistrict })
          : null
        if (supervisor)
          supervision.set(supervisor, [
            ...(supervision.get(supervisor) ?? []),
            { complaintId: ticket.complaintId, clock: notice.clock, dueOn: notice.dueOn },
          ])
      }
      for (const [stationId, overdue] of supervision)
        out.push(notificationJob({ type: 'supervision-digest', stationId, date: today, overdue }))
      const digestStations = new Set(
        tickets.flatMap((ticket) =>
          ticket.stationId &&
          ticket.clocks.some((clock) => dueStanding(clock.dueOn, today, calendar, deps.lead) !== 'LATER')
            ? [ticket.stationId]
            : [],
        ),
      )
      for (const stationId of digestStations)
        out.push(notificationJob({ type: 'deadline-digest', stationId, date: today }))
      await recordOutboxJobs(tx, out)
      jobs = out
      const count = (kind: DeadlineNoticeKind) => decided.filter((notice) => notice.kind === kind).length
      return {
        status: 'done' as const,
        reminders: count('REMIND_BEFORE') + count('REMIND_DUE'),
        overdue: count('OVERDUE') - escalated,
        escalated,
        digests: digestStations.size,
        supervision: supervision.size,
      }
    },
    { timeout: 120_000, maxWait: 30_000 },
  )
  await deps.outbox.dispatch(jobs)
  if (result.status === 'done') deps.log.info({ day: today, ...result }, 'deadline day done')
  return result
}

/** Inserts the notices; returns only those not recorded before (a notice already sent for that due date is not). */
async function recordNotices(tx: Tx, candidates: readonly Decided[], today: LocalDate): Promise<Decided[]> {
  if (candidates.length === 0) return []
  const rows = await tx.$queryRawUnsafe<Array<{ complaint_id: string; clock: string; kind: string; due_on: string }>>(
    `INSERT INTO deadline_notice (complaint_id, clock, kind, due_on, sent_on)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[])
     ON CONFLICT (complaint_id, clock, kind, due_on) DO NOTHING
     RETURNING complaint_id, clock, kind, to_char(due_on, 'YYYY-MM-DD') AS due_on`,
    candidates.map((c) => c.ticket.complaintId),
    candidates.map((c) => c.clock),
    candidates.map((c) => c.kind),
    candidates.map((c) => c.dueOn),
    candidates.map(() => today),
  )
  const inserted = new Set(rows.map((row) => `${row.complaint_id}|${row.clock}|${row.kind}|${row.due_on}`))
  return candidates.filter((c) => inserted.has(`${c.ticket.complaintId}|${c.clock}|${c.kind}|${c.dueOn}`))
}

/**
 * A first-mile stage past its local target goes up to the bureau station (the 所 covering the place, else the county
 * center), as the system, with a note: the bureau's statutory clock starts now, the bureau gets the card and the
 * consumer the status message (their complaint has gone to the market-regulation bureau, and what happens next).
 */
async function escalatePastTarget(
  tx: Tx,
  ticket: TicketWithClocks,
  targetOn: LocalDate,
  now: Date,
): Promise<OutboxJob[]> {
  const complaint = await tx.complaint.findUnique({ where: { id: ticket.complaintId } })
  if (!complaint || (complaint.status !== 'RECEIVED' && complaint.status !== 'LOCAL_MEDIATION')) return []
  const target = await escalationTargetFor(tx as unknown as Database, complaint)
  if (!target) return []
  // The bureau's record of the step, in Chinese like the rest of its file; no chat shows it.
  const note = `超过就地化解目标期限（${targetOn}），系统自动上报市场监管部门。`
  const event: LifecycleEvent = { action: 'ESCALATE', from: complaint.status, to: 'ESCALATED', note }
  const changes = complaintChanges(complaint, event, now, { stationId: target, bureau: true })
  const moved = await tx.complaint.updateMany({ where: { id: complaint.id, status: complaint.status }, data: changes })
  if (moved.count === 0) return []
  const created = await tx.complaintEvent.create({
    data: {
      complaintId: complaint.id,
      actorRole: 'SYSTEM',
      action: 'ESCALATE',
      fromStatus: complaint.status,
      toStatus: 'ESCALATED',
      note,
      data: { fromStationId: complaint.stationId, toStationId: target, localTargetOn: targetOn, automatic: true },
      createdAt: now,
    },
  })
  return followUpJobs(complaint, event, created.id.toString(), changes)
}
