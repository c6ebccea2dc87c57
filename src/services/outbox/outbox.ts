import type { JobsOptions } from 'bullmq'
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

/** The jobs as the records {@link recordJobsSql} reads from jsonb. */
export function outboxJobsRecords(jobs: readonly OutboxJob[]): Array<Record<string, unknown>> {
  return jobs.map((job) => ({ queue: job.queue, job_id: job.jobId, payload: job.payload }))
}

/** The jobs as one jsonb parameter for the single-statement writers (see {@link recordJobsSql}). */
export function outboxJobsJson(jobs: readonly OutboxJob[]): string {
  return JSON.stringify(outboxJobsRecords(jobs))
}

/**
 * SQL of a data-modifying CTE that records the jobs of a jsonb parameter (made by {@link outboxJobsJson}) inside
 * the caller's statement, so that they commit with their cause. `after` names an earlier CTE of the statement:
 * without a row there, no job is recorded. `jobs` and `createdAt` are the caller's SQL: placeholders (`$7`,
 * `$3::timestamp`) or columns of `after` (one set of jobs per row).
 */
export function recordJobsSql(jobs: string, createdAt: string, after?: string): string {
  return `INSERT INTO outbox_entry (queue, job_id, payload, created_at)
      SELECT job.queue, job.job_id, job.payload, ${createdAt}
      FROM ${after ? `${after}, ` : ''}jsonb_to_recordset(${jobs}::jsonb) AS job(queue text, job_id text, payload jsonb)
      ON CONFLICT (job_id) DO NOTHING`
}

/** SQL that marks a pending entry done, with the caller's placeholders for the job id and the time. */
export function markDoneSql(jobId: string, at: string): string {
  return `UPDATE outbox_entry SET status = 'DONE', done_at = ${at} WHERE job_id = ${jobId} AND status = 'PENDING'`
}

const COMPLETE_WITH_FOLLOW_UPS = `WITH recorded AS (${recordJobsSql('$1', '$2::timestamp')}) ${markDoneSql('$3', '$2::timestamp')}`

/**
 * Marks `jobId` done and records its follow-up jobs in ONE statement (data-modifying CTEs run atomically, as a
 * transaction of their own): one round trip instead of BEGIN … COMMIT. Works inside an interactive transaction.
 */
export async function completeOutboxJobWithFollowUps(
  db: Tx | Database,
  jobId: string,
  followUps: readonly OutboxJob[],
  now = new Date(),
): Promise<void> {
  if (followUps.length === 0) {
    await completeOutboxJob(db, jobId)
    return
  }
  await db.$executeRawUnsafe(COMPLETE_WITH_FOLLOW_UPS, outboxJobsJson(followUps), now.toISOString(), jobId)
}

export interface OutboxDeps {
  db: Database
  queues: Queues
  log: Logger
  /** A notify job's BullMQ priority from its payload (services/notifications/registry.ts); none by default. */
  priorityOf?: (payload: Record<string, unknown>) => number | undefined
}

/** Moves recorded jobs into BullMQ: right after a commit, and again from the sweeper for whatever got lost. */
export function createOutbox({ db, queues, log, priorityOf }: OutboxDeps) {
  /** A job's id and, for the notify queue, its priority (a new ticket card before everything else). */
  const jobOptions = (job: OutboxJob): JobsOptions => {
    const priority = job.queue === 'notify' ? priorityOf?.(job.payload) : undefined
    return priority === undefined ? { jobId: job.jobId } : { jobId: job.jobId, priority }
  }

  async function enqueue(job: OutboxJob): Promise<void> {
    const queue = queues[job.queue]
    const existing = await queue.getJob(job.jobId)
    const state = existing ? await existing.getState() : 'missing'
    if (existing && state === 'failed') await existing.retry('failed')
    else if (existing && state === 'completed') {
      // Completed in Redis but not done in PostgreSQL: the worker died between the two; run it again.
      await existing.remove()
      await queue.add(job.queue, job.payload, jobOptions(job))
    } else if (state === 'missing' || state === 'unknown') await queue.add(job.queue, job.payload, jobOptions(job))
    await db.outboxEntry.updateMany({
      where: { jobId: job.jobId, status: 'PENDING' },
      data: { enqueuedAt: new Date(), attempts: { increment: 1 } },
    })
  }

  return {
    /**
     * Best effort right after the commit: a failure is logged and left to the sweeper. The ids are fresh, so a
     * plain add suffices (BullMQ ignores an id it already has); the sweeper does the state checks. No
     * bookkeeping write here: an entry never re-enqueued has `enqueuedAt` null, and the sweeper then counts its
     * staleness from `createdAt` (written in the same transaction, just before this), which is the same minute.
     */
    async dispatch(jobs: readonly OutboxJob[]): Promise<void> {
      await Promise.all(
        jobs.map(async (job) => {
          try {
            await queues[job.queue].add(job.queue, job.payload, jobOptions(job))
          } catch (error) {
            log.warn({ err: error, jobId: job.jobId }, 'outbox dispatch failed; the sweeper will retry')
          }
        }),
      )
    },

    /**
     * Runs pending jobs now: one waiting out a retry's backoff is promoted, any other is enqueued as the sweeper
     * would (for jobs whose cause is gone, e.g. a ticket card once its station has a group).
     */
    async runNow(jobs: readonly OutboxJob[]): Promise<void> {
      for (const job of jobs) {
        const existing = await queues[job.queue].getJob(job.jobId)
        if (existing && (await existing.getState()) === 'delayed') await existing.promote()
        else await enqueue(job)
      }
    },

    /**
     * Dispatches again the pending notify jobs of one complaint: for a job that finds its work already
     * committed by a run that died before dispatching (rare; the sweeper would do it, a minute later).
     */
    async redispatchPending(complaintId: string): Promise<number> {
      const entries = await db.outboxEntry.findMany({
        where: { status: 'PENDING', queue: 'notify', payload: { path: ['complaintId'], equals: complaintId } },
        orderBy: { id: 'asc' },
      })
      await this.dispatch(
        entries.map((entry) => ({
          queue: entry.queue as QueueName,
          jobId: entry.jobId,
          payload: entry.payload as Record<string, unknown>,
        })),
      )
      return entries.length
    },

    /**
     * Re-enqueues every pending entry not done within `staleAfterMs` of its last enqueue, so a Redis flush or
     * restart, or a crash between commit and enqueue, loses nothing. Returns how many were re-enqueued.
     */
    async sweep(now = new Date(), staleAfterMs = 60_000, batch = 500): Promise<number> {
      const staleBefore = new Date(now.getTime() - staleAfterMs)
      const entries = await db.outboxEntry.findMany({
        where: {
          status: 'PENDING',
          OR: [{ enqueuedAt: null, createdAt: { lt: staleBefore } }, { enqueuedAt: { lt: staleBefore } }],
        },
        orderBy: { id: 'asc' },
        take: batch,
      })
      for (const entry of entries) {
        await enqueue({
          queue: entry.queue as QueueName,
          jobId: entry.jobId,
          payload: entry.payload as Record<string, unknown>,
        })
      }
      if (entries.length > 0) log.info({ count: entries.length }, 'outbox sweeper re-enqueued pending jobs')
      return entries.length
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
