import { completeOutboxJob } from '../outbox/outbox.ts'
import { deliverConsumerStatus } from '../../telegram/render/consumer-status.ts'
import { outboxEntryDone, type DeliveryJob, type NotifierDeps } from './ledger.ts'
import { deliverLiaisonCard, deliverTicketCard } from './kinds/ticket-card.ts'
import type { Notification } from './notification.ts'
import { deliverStationAlert } from './kinds/station-alert.ts'
import { deliverTicketEvidence } from './kinds/ticket-evidence.ts'

export type { DeliveryJob, JobProgress, NotifierDeps } from './ledger.ts'

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
