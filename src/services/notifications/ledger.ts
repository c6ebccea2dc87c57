// The one ledger of deliveries: whether a job is already done, and finishing it with its messages and follow-ups.

import type { Database, Prisma } from '../../db/client.ts'
import { type PreparedStatement, queryRows, type SqlValue } from '../../db/sql.ts'
import type { ChatMessagePurpose } from '../../generated/prisma/enums.ts'
import type { Locale } from '../../i18n/locales.ts'
import {
  completeOutboxJob,
  completeOutboxJobWithFollowUps,
  markDoneSql,
  type OutboxJob,
  outboxJobsJson,
  recordJobsSql,
} from '../outbox/outbox.ts'
import type { NotifierDeps } from './notification-kind.ts'

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

/** A message the bot sent about a complaint, as `chat_message` keeps it. */
export interface SentMessage {
  complaintId: string
  purpose: ChatMessagePurpose
  chatId: bigint
  messageId: number
  threadId?: number | null
}

const MESSAGE_COLUMNS = 'complaint_id, purpose, chat_id, message_id, thread_id, created_at'
const MESSAGE_VALUES = `$1, $2::"ChatMessagePurpose", $3::bigint, $4::int, $5::int, $6::timestamp`

/** $1–$5 the message, $6 now; $7 the follow-up jobs (jsonb), $8 the job id. */
const FINISH_WITH_MESSAGE: PreparedStatement = {
  name: 'delivery-finish-with-message',
  text: `
    WITH message AS (
      INSERT INTO chat_message (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})
    ), recorded AS (
      ${recordJobsSql('$7', '$6::timestamp')}
    )
    ${markDoneSql('$8', '$6::timestamp')}`,
}

const RECORD_MESSAGE: PreparedStatement = {
  name: 'delivery-record-message',
  text: `INSERT INTO chat_message (${MESSAGE_COLUMNS}) VALUES (${MESSAGE_VALUES})`,
}

const OUTBOX_ENTRY_DONE: PreparedStatement = {
  name: 'delivery-outbox-entry-done',
  text: `SELECT status = 'DONE' AS done FROM outbox_entry WHERE job_id = $1`,
}

const messageValues = (message: SentMessage, now: Date): SqlValue[] => [
  message.complaintId,
  message.purpose,
  message.chatId.toString(),
  message.messageId,
  message.threadId ?? null,
  now.toISOString(),
]

/**
 * {@link finishDelivery} for the usual case of one sent message to record: the message, the follow-up jobs and
 * the done mark in ONE statement (data-modifying CTEs commit or fail together) instead of an interactive
 * transaction of four round trips; then the follow-ups are handed to BullMQ.
 */
export async function finishDeliveryWithMessage(
  deps: Pick<NotifierDeps, 'db' | 'outbox'>,
  jobId: string,
  message: SentMessage,
  followUps: readonly OutboxJob[] = [],
  now = new Date(),
): Promise<void> {
  await queryRows(deps.db, FINISH_WITH_MESSAGE, [...messageValues(message, now), outboxJobsJson(followUps), jobId])
  if (followUps.length > 0) await deps.outbox.dispatch(followUps)
}

/** Records one sent message on its own (a card whose evidence follows, a part of a long text). */
export async function recordMessage(db: Database, message: SentMessage, now = new Date()): Promise<void> {
  await queryRows(db, RECORD_MESSAGE, messageValues(message, now))
}

/** Whether the job's outbox entry is already done: a job re-enqueued after it had finished sends nothing twice. */
export async function outboxEntryDone(db: Database, jobId: string): Promise<boolean> {
  const [row] = await queryRows<{ done: boolean }>(db, OUTBOX_ENTRY_DONE, [jobId])
  return row?.done === true
}

/** Maps a stored locale string to a supported one. */
export function localeOf(
  deps: Pick<NotifierDeps, 'translator'>,
  ...candidates: Array<string | null | undefined>
): Locale {
  for (const candidate of candidates) if (candidate === 'zh-CN' || candidate === 'en') return candidate
  return deps.translator.defaultLocale
}

/** Closes a job without sending anything (its subject is gone, or there is nobody to tell). */
export async function finishWithoutMessage(db: Database, jobId: string): Promise<void> {
  await completeOutboxJob(db, jobId)
}

/** Gives up on a notification Telegram rejects for good: the entry is closed with the reason. */
export async function abandonDelivery(db: Database, jobId: string, reason: string): Promise<void> {
  await completeOutboxJob(db, jobId)
  await db.outboxEntry.updateMany({ where: { jobId }, data: { lastError: reason.slice(0, 500) } })
}
