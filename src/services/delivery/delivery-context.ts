import type { Locale } from '../../config.ts'
import type { Database, Prisma } from '../../db/client.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Logger } from '../../logging/logger.ts'
import { completeOutboxJobWithFollowUps, type Outbox, type OutboxJob } from '../outbox/outbox.ts'
import type { TelegramSender } from './telegram-sender.ts'

/** Progress of a job that sends several messages, kept with the job so that a re-run resumes, not repeats. */
export interface JobProgress {
  get(key: string): number | undefined
  set(key: string, value: number): Promise<void>
}

/** The job being delivered. */
export interface DeliveryJob {
  jobId: string
  progress: JobProgress
}

export interface NotifierDeps {
  db: Database
  sender: TelegramSender
  translator: Translator
  outbox: Outbox
  log: Logger
  /** The language of station groups (the bureau works in it). */
  defaultLocale: Locale
}

/**
 * Acknowledges a delivery in PostgreSQL: runs `record` (the sent message ids), records follow-up jobs and
 * marks the outbox entry done, in one transaction; then hands the follow-ups to BullMQ.
 */
export async function finishDelivery(
  deps: Pick<NotifierDeps, 'db' | 'outbox'>,
  jobId: string,
  followUps: readonly OutboxJob[] = [],
  record?: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<void> {
  if (record) {
    await deps.db.$transaction(async (tx) => {
      await record(tx)
      await completeOutboxJobWithFollowUps(tx, jobId, followUps)
    })
  } else {
    // Nothing else to write: one statement, atomic by itself, instead of an interactive transaction.
    await completeOutboxJobWithFollowUps(deps.db, jobId, followUps)
  }
  if (followUps.length > 0) await deps.outbox.dispatch(followUps)
}

/** Marks a person who blocked the bot (or never started it) as unreachable, from now on. */
export async function markUnreachable(db: Database, personId: number, now = new Date()): Promise<void> {
  await db.person.updateMany({ where: { id: personId, reachable: true }, data: { reachable: false, unreachableSince: now } })
}

/** Maps a stored locale string to a supported one. */
export function localeOf(deps: Pick<NotifierDeps, 'translator'>, ...candidates: Array<string | null | undefined>): Locale {
  for (const candidate of candidates) if (candidate === 'zh-CN' || candidate === 'en') return candidate
  return deps.translator.defaultLocale
}
