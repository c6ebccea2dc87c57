import { completeOutboxJob } from '../outbox/outbox.ts'
import { deliverConsumerStatus } from './consumer-status.ts'
import { outboxEntryDone, type DeliveryJob, type NotifierDeps } from './delivery-context.ts'
import { deliverLiaisonCard, deliverTicketCard } from './deliver-ticket-card.ts'
import { deliverDeadlineNotification } from '../deadlines/notifications/index.ts'
import { isDeadlineNotification, type Notification } from './notifications.ts'
import { deliverStationAlert } from './station-alert.ts'
import { deliverTicketEvidence } from './ticket-evidence.ts'

export type { DeliveryJob, JobProgress, NotifierDeps } from './delivery-context.ts'

/**
 * Delivers notifications: one entry point for the notify worker. A notification whose outbox entry is already
 * done is skipped, so a job re-enqueued by the sweeper after it had finished sends nothing twice.
 */
export function createNotifier(deps: NotifierDeps) {
  return {
    async deliver(notification: Notification, job: DeliveryJob): Promise<'delivered' | 'already-done'> {
      // The hot paths read the entry's status in the same query as everything else they need.
      if (notification.type === 'ticket-card') return deliverTicketCard(deps, job, notification)
      if (notification.type === 'consumer-status') return deliverConsumerStatus(deps, job, notification)
      if (isDeadlineNotification(notification)) return deliverDeadlineNotification(deps, job, notification).then(() => 'delivered' as const)
      if (await outboxEntryDone(deps.db, job.jobId)) return 'already-done'
      switch (notification.type) {
        case 'liaison-card':
          await deliverLiaisonCard(deps, job, notification)
          break
        case 'station-alert':
          await deliverStationAlert(deps, job, notification)
          break
        case 'ticket-evidence':
          await deliverTicketEvidence(deps, job, notification)
          break
      }
      return 'delivered'
    },

    /** Gives up on a notification Telegram rejects for good; the entry is closed with the reason. */
    async abandon(jobId: string, reason: string): Promise<void> {
      await completeOutboxJob(deps.db, jobId)
      await deps.db.outboxEntry.updateMany({ where: { jobId }, data: { lastError: reason.slice(0, 500) } })
    },
  }
}

export type Notifier = ReturnType<typeof createNotifier>
