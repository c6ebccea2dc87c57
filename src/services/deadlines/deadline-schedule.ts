import type { Queue } from 'bullmq'
import type { Database } from '../../db/client.ts'
import { type LocalDate, localDateOf, plusDays, startOfLocalDay } from '../../domain/calendar/local-date.ts'
import type { WorkingDayCalendar } from '../../domain/calendar/working-day-calendar.ts'
import type { Logger } from '../../logging/logger.ts'
import { notificationJob } from '../notifications/registry.ts'
import { type Outbox, type OutboxJob, recordOutboxJobs } from '../outbox/outbox.ts'
import { missingNextYear } from './holiday-calendar.ts'

/** No deadline message goes out from this local time on: a day missed until then is not caught up at night. */
export const QUIET_FROM = '20:00'

/** The instant of `time` (HH:MM, Asia/Shanghai) on `day`. */
export function localInstant(day: LocalDate, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  return new Date(startOfLocalDay(day).getTime() + (hours * 60 + minutes) * 60_000)
}

/** The next working day's reminder instant from `now` (today's, if it is still ahead and today is worked). */
export function nextRun(calendar: WorkingDayCalendar, now: Date, reminderTime: string): { day: LocalDate; at: Date } {
  let day = localDateOf(now)
  if (now >= localInstant(day, reminderTime)) day = plusDays(day, 1)
  while (!calendar.isWorkingDay(day)) day = plusDays(day, 1)
  return { day, at: localInstant(day, reminderTime) }
}

/** BullMQ job ids cannot contain ':'; one id per day, so adding it again is a no-op. */
export const dayJobId = (day: LocalDate) => `deadline-day-${day}`

export interface ScheduleDeps {
  db: Database
  outbox: Outbox
  log: Logger
  queue: Queue
  now: () => Date
  refreshCalendar: () => Promise<WorkingDayCalendar>
  reminderTime: string
}

/**
 * One tick of the schedule, in every worker process, rebuilt from PostgreSQL each time (so a Redis flush or restart
 * loses nothing): if today's work is due (a working day, past the reminder time, before the quiet hours) and not
 * recorded as done, its job is added now; the next working day's job is added as a delayed job. Both ids are per
 * day, and the day's work checks its own run row, so nothing is done twice. Also warns, from 1 November, while next
 * year's holiday schedule is missing: a log line a day per process, and one message a week to the admins.
 */
export function createDeadlineSchedule(deps: ScheduleDeps) {
  let warnedOn: LocalDate | null = null

  async function calendarWarning(calendar: WorkingDayCalendar, now: Date, today: LocalDate): Promise<void> {
    const year = missingNextYear(calendar, now)
    if (year === null) return
    if (warnedOn !== today) {
      deps.log.warn(
        { year },
        `the ${year} holiday schedule is not imported: due dates counted into ${year} are provisional (npm run admin -- holidays import)`,
      )
      warnedOn = today
    }
    const week = isoWeek(today)
    let jobs: OutboxJob[] = []
    await deps.db.$transaction(async (tx) => {
      const fresh = await tx.deadlineRun.createMany({
        data: [{ key: `calendar-warning:${year}:${week}` }],
        skipDuplicates: true,
      })
      if (fresh.count === 0) return
      const admins = await tx.membership.findMany({
        where: { role: 'ADMIN', revokedAt: null },
        distinct: ['personId'],
        select: { personId: true },
      })
      jobs = admins.map((admin) => notificationJob({ type: 'calendar-warning', personId: admin.personId, year, week }))
      await recordOutboxJobs(tx, jobs)
    })
    await deps.outbox.dispatch(jobs)
  }

  return {
    async tick(): Promise<void> {
      const now = deps.now()
      const calendar = await deps.refreshCalendar()
      const today = localDateOf(now)
      await calendarWarning(calendar, now, today)
      const inWindow = now >= localInstant(today, deps.reminderTime) && now < localInstant(today, QUIET_FROM)
      if (calendar.isWorkingDay(today) && inWindow) {
        const done = await deps.db.deadlineRun.findUnique({ where: { key: `day:${today}` } })
        if (!done) {
          // The job added yesterday as a delayed one may still wait (a clock ahead of Redis's, a late worker): run it now.
          const waiting = await deps.queue.getJob(dayJobId(today))
          if (waiting && (await waiting.isDelayed())) await waiting.promote()
          else await deps.queue.add('day', { day: today }, { jobId: dayJobId(today) })
        }
      }
      const next = nextRun(calendar, now, deps.reminderTime)
      await deps.queue.add(
        'day',
        { day: next.day },
        { jobId: dayJobId(next.day), delay: Math.max(0, next.at.getTime() - now.getTime()) },
      )
    },
  }
}

/** ISO week of a date, e.g. 2026-W45. */
export function isoWeek(day: LocalDate): string {
  const date = new Date(`${day}T00:00:00Z`)
  const weekday = date.getUTCDay() || 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday)
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1)
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7)
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}
