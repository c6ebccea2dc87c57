import type { z } from 'zod'
import type { Database } from '../../db/client.ts'
import type { Locale } from '../../i18n/locales.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Logger } from '../../logging/logger.ts'
import type { DeliveryPriority } from '../../telegram/sending/delivery-priority.ts'
import type { EditHtml } from '../../telegram/sending/paced-edit.ts'
import type { TelegramSender } from '../../telegram/sending/telegram-sender.ts'
import type { Outbox, OutboxJob } from '../outbox/outbox.ts'

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

/** What every kind's `deliver` may use. */
export interface NotifierDeps {
  db: Database
  sender: TelegramSender
  /** Edits a sent message in place, paced like every send (card refreshes). */
  editHtml: EditHtml
  translator: Translator
  outbox: Outbox
  log: Logger
  /** The language of station groups (the bureau works in it). */
  defaultLocale: Locale
}

/** The outcome of one delivery: `already-done` when the job's outbox entry was done before it started. */
export type DeliveryOutcome = 'delivered' | 'already-done'

/**
 * One kind of outgoing message: its payload (a zod schema with `type` and a version `v`), the job id that makes
 * a repeat idempotent, its priority for Telegram's budget, and how it is delivered. Each kind is one file under
 * kinds/, listed once in registry.ts.
 */
export interface NotificationKind<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  type: Type
  schema: Schema
  jobId(payload: z.output<Schema>): string
  priority: DeliveryPriority
  /**
   * True for a kind whose `deliver` reads the outbox entry's status itself (in the same query as everything else
   * it needs, on the hot path); for every other kind the notifier checks the ledger before delivering.
   */
  checksDoneItself?: boolean
  deliver(deps: NotifierDeps, job: DeliveryJob, payload: z.output<Schema>): Promise<DeliveryOutcome | void>
}

/** Declares a kind with its types inferred (an identity function). */
export function defineNotification<Type extends string, Schema extends z.ZodType>(
  kind: NotificationKind<Type, Schema>,
): NotificationKind<Type, Schema> {
  return kind
}

/** The payload a producer writes: the schema's input without the version, which {@link notificationJobOf} adds. */
export type PayloadOf<Kind extends NotificationKind> = Omit<z.input<Kind['schema']>, 'v'>

/** One notification of `kind` as an outbox job; the job id makes it happen at most once. */
export function notificationJobOf<Kind extends NotificationKind>(kind: Kind, payload: PayloadOf<Kind>): OutboxJob {
  const versioned = { ...payload, v: 1 } as z.input<Kind['schema']>
  return {
    queue: 'notify',
    jobId: kind.jobId(kind.schema.parse(versioned)),
    payload: versioned as Record<string, unknown>,
  }
}
