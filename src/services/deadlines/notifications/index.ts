// The deadline messages, one file each (type, schema, jobId, deliver), so that they move into the notification
// registry as they are.
import type { OutboxJob } from '../../outbox/outbox.ts'
import type { DeliveryJob, NotifierDeps } from '../../delivery/delivery-context.ts'
import * as calendarWarning from './calendar-warning.ts'
import * as deadlineChange from './deadline-change.ts'
import * as deadlineReminder from './deadline-reminder.ts'
import * as stationDigest from './station-digest.ts'
import * as supervisionDigest from './supervision-digest.ts'

export const DEADLINE_NOTIFICATIONS = [deadlineReminder, stationDigest, supervisionDigest, deadlineChange, calendarWarning] as const

export type DeadlineNotification =
  | deadlineReminder.DeadlineReminder
  | stationDigest.StationDigest
  | supervisionDigest.SupervisionDigest
  | deadlineChange.DeadlineChange
  | calendarWarning.CalendarWarning

/** A job's data as a deadline notification, or undefined when it is not one. */
export function parseDeadlineNotification(data: unknown): DeadlineNotification | undefined {
  const kind = DEADLINE_NOTIFICATIONS.find((candidate) => (data as { type?: unknown } | null)?.type === candidate.type)
  const parsed = kind?.schema.safeParse(data)
  return parsed?.success ? (parsed.data as DeadlineNotification) : undefined
}

/** The outbox job of a deadline notification; its id makes a repeat a no-op. */
export function deadlineJob(notification: DeadlineNotification): OutboxJob {
  const kind = DEADLINE_NOTIFICATIONS.find((candidate) => candidate.type === notification.type)!
  return { queue: 'notify', jobId: (kind.jobId as (payload: DeadlineNotification) => string)(notification), payload: { ...notification } }
}

/** Delivers a deadline notification with its kind's own `deliver`. */
export function deliverDeadlineNotification(deps: NotifierDeps, job: DeliveryJob, notification: DeadlineNotification): Promise<void> {
  const kind = DEADLINE_NOTIFICATIONS.find((candidate) => candidate.type === notification.type)!
  return (kind.deliver as (deps: NotifierDeps, job: DeliveryJob, payload: DeadlineNotification) => Promise<void>)(deps, job, notification)
}
