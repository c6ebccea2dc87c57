import { abandonDelivery, outboxEntryDone } from './ledger.ts'
import type { DeliveryJob, DeliveryOutcome, NotificationKind, NotifierDeps } from './notification-kind.ts'
import { notificationKind } from './registry.ts'

/** A notify job whose data is not a payload of any registered kind: failing it for good is the only answer. */
export class InvalidNotificationError extends Error {
  override name = 'InvalidNotificationError'
  constructor(
    readonly jobId: string,
    readonly problem: string,
  ) {
    super(`notify job ${jobId} has no valid notification: ${problem}`)
  }
}

/** A job's data read back through its kind's schema. */
export interface ParsedNotification {
  kind: NotificationKind
  payload: unknown
}

/**
 * Delivers notifications for the notify worker: reads a job's data through its kind's schema, asks the ledger
 * whether the job is already done (a job re-enqueued by the sweeper after it had finished sends nothing twice),
 * and hands the payload to the kind.
 */
export function createNotifier(deps: NotifierDeps) {
  return {
    /**
     * The kind and the parsed payload of a job's data.
     * @throws InvalidNotificationError for an unknown type or a payload that fails its kind's schema.
     */
    parse(jobId: string, data: unknown): ParsedNotification {
      const type = (data as { type?: unknown } | null)?.type
      const kind = notificationKind(type)
      if (!kind) throw new InvalidNotificationError(jobId, `unknown type ${JSON.stringify(type)}`)
      const parsed = kind.schema.safeParse(data)
      if (!parsed.success)
        throw new InvalidNotificationError(
          jobId,
          parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
        )
      return { kind, payload: parsed.data }
    },

    async deliver({ kind, payload }: ParsedNotification, job: DeliveryJob): Promise<DeliveryOutcome> {
      // The hot kinds read the entry's status in the same query as everything else they need.
      if (!kind.checksDoneItself && (await outboxEntryDone(deps.db, job.jobId))) return 'already-done'
      return (await kind.deliver(deps, job, payload)) ?? 'delivered'
    },

    /** Gives up on a notification Telegram rejects for good; the entry is closed with the reason. */
    abandon: (jobId: string, reason: string) => abandonDelivery(deps.db, jobId, reason),
  }
}

export type Notifier = ReturnType<typeof createNotifier>
