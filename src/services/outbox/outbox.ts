import type { Database, Prisma } from '../../db/client.ts'
import type { Logger } from '../../logging/logger.ts'
import type { QueueName, Queues } from '../../queue/queues.ts'

/** A job that must run even if Redis loses it: stored in PostgreSQL first, in the same transaction as its cause. */
export interface OutboxJob {
  queue: QueueName
  /** Deterministic: re-enqueueing the same entry never creates a second job. */
  jobId: string
  payload: Record<string, unknown>
}

type Tx = Prisma.TransactionClient

/** Records jobs inside the caller's transaction; nothing reaches Redis until it commits. */
export async function recordOutboxJobs(tx: Tx, jobs: readonly OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return
  await tx.outboxEntry.createMany({
    data: jobs.map((job) => ({ queue: job.queue, jobId: job.jobId, payload: job.payload as Prisma.InputJsonObject })),
    skipDuplicates: true,
  })
}

/** Marks an entry done, inside the worker's transaction when it has one. */
export async function completeOutboxJob(tx: Tx | Database, jobId: string): Promise<void> {
  await tx.outboxEntry.updateMany({ where: { jobId, status: 'PENDING' }, data: { status: 'DONE', doneAt: new Date() } })
}

export interface OutboxDeps {
  db: Database
  queues: Queues
  log: Logger
}

/** Moves recorded jobs into BullMQ: right after a commit, and again from the sweeper for whatever got lost. */
export function createOutbox({ db, queues, log }: OutboxDeps) {
  async function enqueue(job: OutboxJob): Promise<void> {
    const queue = queues[job.queue]
    const existing = await queue.getJob(job.jobId)
    const state = existing ? await existing.getState() : 'missing'
    if (state === 'failed') await existing!.retry('failed')
    else if (state === 'completed') {
      // Completed in Redis but not done in PostgreSQL: the worker died between the two; run it again.
      await existing!.remove()
      await queue.add(job.queue, job.payload, { jobId: job.jobId })
    } else if (state === 'missing' || state === 'unknown') await queue.add(job.queue, job.payload, { jobId: job.jobId })
    await db.outboxEntry.updateMany({
      where: { jobId: job.jobId, status: 'PENDING' },
      data: { enqueuedAt: new Date(), attempts: { increment: 1 } },
    })
  }

  return {
    /**
     * Best effort right after the commit: a failure is logged and left to the sweeper. The ids are fresh, so a
     * plain add suffices (BullMQ ignores an id it already has); the sweeper does the state checks.
     */
    async dispatch(jobs: readonly OutboxJob[]): Promise<void> {
      await Promise.all(
        jobs.map(async (job) => {
          try {
            await queues[job.queue].add(job.queue, job.payload, { jobId: job.jobId })
            await db.outboxEntry.updateMany({ where: { jobId: job.jobId, status: 'PENDING' }, data: { enqueuedAt: new Date(), attempts: { increment: 1 } } })
          } catch (error) {
            log.warn({ err: error, jobId: job.jobId }, 'outbox dispatch failed; the sweeper will retry')
          }
        }),
      )
    },

    /**
     * Re-enqueues every pending entry not done within `staleAfterMs` of its last enqueue, so a Redis flush or
     * restart, or a crash between commit and enqueue, loses nothing. Returns how many were re-enqueued.
     */
    async sweep(now = new Date(), staleAfterMs = 60_000, batch = 500): Promise<number> {
      const staleBefore = new Date(now.getTime() - staleAfterMs)
      const entries = await db.outboxEntry.findMany({
        where: { status: 'PENDING', OR: [{ enqueuedAt: null, createdAt: { lt: staleBefore } }, { enqueuedAt: { lt: staleBefore } }] },
        orderBy: { id: 'asc' },
        take: batch,
      })
      for (const entry of entries) {
        await enqueue({ queue: entry.queue as QueueName, jobId: entry.jobId, payload: entry.payload as Record<string, unknown> })
      }
      if (entries.length > 0) log.info({ count: entries.length }, 'outbox sweeper re-enqueued pending jobs')
      return entries.length
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
