// The broadcast engine: delivers a confirmed warning to each recipient through the paced sender, at the lowest

// priority, recording every recipient in PostgreSQL so that a crash, a restart or a Redis flush resumes it.
import { randomUUID } from 'node:crypto'
import type { Database } from '../../db/client.ts'
import {
  broadcastProgress,
  doneCount,
  PROGRESS_EDIT_INTERVAL_MS,
  type RunStart,
} from '../../domain/warnings/broadcast-progress.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Logger } from '../../logging/logger.ts'
import {
  type BroadcastState,
  broadcastControls,
  renderBroadcastProgress,
} from '../../telegram/render/broadcast-progress.ts'
import { renderWarning, warningKeyboard } from '../../telegram/render/warning.ts'
import { DELIVERY_PRIORITY } from '../../telegram/sending/delivery-priority.ts'
import type { EditHtml } from '../../telegram/sending/paced-edit.ts'
import { runInSendScope } from '../../telegram/sending/send-scope.ts'
import {
  ChatNotReadyError,
  MessageRejectedError,
  outcomeUnknown,
  RecipientUnreachableError,
  type TelegramSender,
} from '../../telegram/sending/telegram-sender.ts'
import { localeOf } from '../notifications/ledger.ts'
import { markUnreachable } from '../people/reachability.ts'
import { type ClaimedRecipient, createBroadcastLedger } from './broadcast-ledger.ts'
import { loadWarningContent, type WarningContent } from './warning-content.ts'

/** How a run ended: the broadcast is over, paused or cancelled, stopped with the process, or there is none. */
export type BroadcastEnd = 'DONE' | 'PAUSED' | 'CANCELLED' | 'INTERRUPTED' | 'MISSING'

export interface BroadcasterDeps {
  db: Database
  sender: TelegramSender
  editHtml: EditHtml
  translator: Translator
  log: Logger
  /**
   * Messages of one broadcast on their way at once (waiting for a slot, or for Telegram's answer). Also the most
   * recipients a crash can leave UNCONFIRMED. Default 16.
   */
  concurrency?: number
  /** How often the progress message is edited (default PROGRESS_EDIT_INTERVAL_MS). */
  progressIntervalMs?: number
}

/** The run lost its claim on a recipient (another run took over): it sends nothing to them. */
class ClaimLostError extends Error {
  override name = 'ClaimLostError'
}

const ACTIVE = ['QUEUED', 'SENDING'] as const
const MAX_FAILURES = 3
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Builds the engine. `run(warningId)` delivers a stored, confirmed warning to every recipient still pending and
 * returns when it is done, paused, cancelled or interrupted by `signal`. Any number of runs of the same warning
 * may overlap (a job re-enqueued after a Redis flush while the old run lives): each recipient is claimed by one.
 */
export function createBroadcaster(deps: BroadcasterDeps) {
  const ledger = createBroadcastLedger(deps.db)
  const concurrency = deps.concurrency ?? 16
  const progressEvery = deps.progressIntervalMs ?? PROGRESS_EDIT_INTERVAL_MS

  async function run(warningId: number, options: { signal?: AbortSignal } = {}): Promise<BroadcastEnd> {
    const loaded = await loadWarningContent(deps.db, warningId)
    if (!loaded) return 'MISSING'
    const content: WarningContent = loaded
    if (!(ACTIVE as readonly string[]).includes(content.status)) return content.status as BroadcastEnd
    const recovered = await ledger.recover(warningId)
    if (recovered.unconfirmed > 0)
      deps.log.warn(
        { warningId, ...recovered },
        'a previous run of the broadcast died mid-send; those are not sent again',
      )
    await deps.db.warning.updateMany({ where: { id: warningId, status: 'QUEUED' }, data: { status: 'SENDING' } })
    const runId = randomUUID()
    const start: RunStart = { startedAt: new Date(), doneBefore: doneCount(await ledger.counts(warningId)) }
    const buffer: ClaimedRecipient[] = []
    let exhausted = false
    let state: BroadcastState = 'SENDING'
    let refilling: Promise<void> | undefined
    const stopped = () => state !== 'SENDING' || options.signal?.aborted === true

    async function readState(): Promise<void> {
      const row = await deps.db.warning.findUnique({ where: { id: warningId }, select: { status: true } })
      if (row?.status === 'PAUSED' || row?.status === 'CANCELLED') state = row.status
    }
    async function refill(): Promise<void> {
      await readState()
      if (stopped()) return
      const rows = await ledger.claim(warningId, runId, concurrency * 2)
      if (rows.length === 0) exhausted = true
      buffer.push(...rows)
    }
    async function next(): Promise<ClaimedRecipient | undefined> {
      while (!stopped()) {
        const recipient = buffer.shift()
        if (recipient) return recipient
        if (exhausted) return undefined
        refilling ??= refill().finally(() => {
          refilling = undefined
        })
        await refilling
      }
      return undefined
    }
    async function lane(): Promise<void> {
      for (let recipient = await next(); recipient; recipient = await next()) await deliverTo(recipient)
    }

    async function deliverTo(recipient: ClaimedRecipient): Promise<void> {
      const { chatId } = recipient
      for (let failures = 0; ; ) {
        try {
          const message = await runInSendScope(
            {
              priority: DELIVERY_PRIORITY.BROADCAST,
              markSending: async () => undefined,
              clearSending: async () => undefined,
              // The row says SENDING only from here: a crash before this line leaves it CLAIMED (sent later), a
              // crash after it UNCONFIRMED (never sent again). See docs/warnings.md.
              beforeRequest: async () => {
                if (!(await ledger.markSending(warningId, chatId, runId))) throw new ClaimLostError()
              },
            },
            () => send(content, recipient),
          )
          await ledger.finish(warningId, chatId, runId, 'SENT', { messageId: message.message_id })
          return
        } catch (error) {
          if (error instanceof ClaimLostError) return
          if (error instanceof RecipientUnreachableError) {
            await ledger.finish(warningId, chatId, runId, 'BLOCKED', { error: error.description })
            await markUnreachable(deps.db, recipient.personId)
            return
          }
          if (error instanceof MessageRejectedError) {
            await ledger.finish(warningId, chatId, runId, 'FAILED', { error: error.description })
            return
          }
          if (outcomeUnknown(error)) {
            await ledger.finish(warningId, chatId, runId, 'UNCONFIRMED', { error: String(error) })
            return
          }
          // Certainly not delivered: a 429 or busy chat (wait as told), a 5xx answer or a request that never left.
          await ledger.unmark(warningId, chatId, runId)
          if (stopped()) return
          if (error instanceof ChatNotReadyError) {
            await sleep(Math.min(error.waitMs, 10_000))
            continue
          }
          if (++failures >= MAX_FAILURES) {
            await ledger.finish(warningId, chatId, runId, 'FAILED', { error: String(error) })
            return
          }
          deps.log.warn({ warningId, err: error, failures }, 'a warning could not be sent; trying again')
          await sleep(1000 * 2 ** failures)
        }
      }
    }

    const progress = startProgress(content, start, () => state)
    try {
      await Promise.all(Array.from({ length: concurrency }, lane))
    } finally {
      await ledger.release(warningId, runId)
      await progress.stop()
    }
    if (options.signal?.aborted && state === 'SENDING') {
      await progress.edit('SENDING')
      return 'INTERRUPTED'
    }
    if (state === 'SENDING') {
      await deps.db.warning.updateMany({
        where: { id: warningId, status: 'SENDING' },
        data: { status: 'DONE', finishedAt: new Date() },
      })
      await readState()
      state = state === 'SENDING' ? 'DONE' : state
    }
    await progress.edit(state, { final: true })
    deps.log.info({ warningId, state }, 'warning broadcast run ended')
    return state as BroadcastEnd
  }

  function send(content: WarningContent, recipient: ClaimedRecipient) {
    const locale = localeOf(deps, recipient.locale)
    const t = deps.translator.forLocale(locale)
    const html = renderWarning(t, content.message(locale))
    const keyboard = warningKeyboard(t, recipient.subscriptionId)
    return content.attachment
      ? deps.sender.sendFileWithCaption(recipient.chatId, content.attachment, html, keyboard)
      : deps.sender.sendHtml(recipient.chatId, html, {}, keyboard)
  }

  /** Edits the sender's progress message every few seconds while the run lasts, and once at the end. */
  function startProgress(content: WarningContent, start: RunStart, stateNow: () => BroadcastState) {
    let stopping = false
    let wake = () => {}
    const pause = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    async function edit(state: BroadcastState, options: { final?: boolean } = {}): Promise<void> {
      if (!content.progress) return
      const t = deps.translator.forLocale(content.authorLocale)
      const figures = broadcastProgress(await ledger.counts(content.id), start, new Date())
      const html = renderBroadcastProgress(t, content.id, state, figures)
      // The last edit must land: it waits out a busy chat a few times; the periodic ones just skip a turn.
      for (let attempt = 0; attempt < (options.final ? 5 : 1); attempt++) {
        try {
          await deps.editHtml(
            content.progress.chatId,
            content.progress.messageId,
            html,
            broadcastControls(t, content.id, state),
          )
          return
        } catch (error) {
          if (!(error instanceof ChatNotReadyError)) {
            deps.log.warn({ warningId: content.id, err: error }, 'the progress message could not be edited')
            return
          }
          if (options.final) await sleep(Math.min(error.waitMs, 2000))
        }
      }
    }
    const loop = (async () => {
      while (!stopping) {
        await pause(progressEvery)
        if (!stopping)
          await edit(stateNow()).catch((error: unknown) => deps.log.warn({ err: error }, 'progress edit failed'))
      }
    })()
    return {
      edit,
      async stop() {
        stopping = true
        wake()
        await loop
      },
    }
  }

  return { run }
}

export type Broadcaster = ReturnType<typeof createBroadcaster>
