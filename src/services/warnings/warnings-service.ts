// The consumer-warnings use cases, built once per process.
import type { Database } from '../../db/client.ts'
import type { Queues } from '../../queue/queues.ts'
import { createBroadcastControl } from './broadcast-control.ts'
import { recentWarnings } from './recent-warnings.ts'
import { createSubscriptions } from './subscriptions.ts'
import { createWarningDrafts } from './warning-drafts.ts'

/** The BullMQ job that runs a warning's broadcast; one per warning at a time (its id is the warning's). */
export const broadcastJobId = (warningId: number) => `warning-${warningId}`

/**
 * Queues a warning's broadcast. The job is removed once it ends, so that a later resume can queue it again; a
 * job already waiting or running makes the add a no-op.
 */
export async function enqueueBroadcast(queues: Pick<Queues, 'broadcast'>, warningId: number): Promise<void> {
  await queues.broadcast.add(
    'broadcast',
    { warningId },
    { jobId: broadcastJobId(warningId), removeOnComplete: true, removeOnFail: true, attempts: 3 },
  )
}

export function createWarnings(deps: { db: Database; queues: Pick<Queues, 'broadcast'> }) {
  const enqueue = (warningId: number) => enqueueBroadcast(deps.queues, warningId)
  return {
    subscriptions: createSubscriptions({ db: deps.db }),
    drafts: createWarningDrafts({ db: deps.db, enqueue }),
    broadcasts: createBroadcastControl({ db: deps.db, enqueue }),
    recent: (personId: number) => recentWarnings(deps.db, personId),
    enqueue,
  }
}
