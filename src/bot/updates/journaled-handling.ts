import { type Bot, BotError } from 'grammy'
import type { Update } from 'grammy/types'
import type { Logger } from '../../logging/logger.ts'
import type { BotContext } from '../context.ts'
import type { ReplyLedger } from './reply-ledger.ts'
import type { UpdateJournal } from './update-journal.ts'

/**
 * At-least-once, but never twice, handling of updates, on top of the {@link UpdateJournal}: long polling and the
 * webhook both admit what they receive before it is confirmed to Telegram, hand the admitted updates to the bot,
 * and mark each handled when the bot is done with it (also when it failed: the person was told, see createBot).
 * A sweep takes over the updates of bot processes that died while handling them.
 */
export interface JournaledHandling {
  /** Journals the updates and returns those that are not redeliveries. */
  admit(updates: readonly Update[]): Promise<Update[]>
  /** Handles an admitted update and marks it handled. */
  handleAdmitted(update: Update): Promise<void>
  /** Admits one update and handles it unless it is a redelivery (the webhook). */
  handle(update: Update): Promise<void>
  /** Announces this process and starts the sweep for updates left behind. */
  start(): Promise<void>
  /** Stops the sweep, waits for the updates in progress, withdraws this process from the journal. */
  stop(): Promise<void>
}

export function createJournaledHandling(
  deps: { bot: Bot<BotContext>; journal: UpdateJournal; replies: ReplyLedger; log: Logger },
  options: { sweepIntervalMs?: number } = {},
): JournaledHandling {
  const { bot, journal, replies, log } = deps
  const sweepIntervalMs = options.sweepIntervalMs ?? 2000
  const inProgress = new Set<Promise<void>>()
  let sweepTimer: NodeJS.Timeout | undefined
  let sweeping: Promise<void> = Promise.resolve()
  let sweepBusy = false
  let stopping = false

  const track = (task: Promise<void>) => {
    inProgress.add(task)
    void task.finally(() => inProgress.delete(task))
    return task
  }

  const run = async (update: Update, replay: boolean) => {
    try {
      await replies.handling(update.update_id, replay, () => bot.handleUpdate(update))
    } catch (error) {
      if (!(error instanceof BotError)) log.error({ err: error, updateId: update.update_id }, 'update handling failed')
      else
        await (async () => bot.errorHandler(error))().catch((handlerError: unknown) =>
          log.error({ err: handlerError, updateId: update.update_id }, 'the bot error handler failed'),
        )
    }
    await journal
      .finish(update.update_id)
      .catch((error: unknown) =>
        log.warn(
          { err: error, updateId: update.update_id },
          'could not mark an update handled; it may be handled again after a restart',
        ),
      )
  }

  const handleAdmitted = (update: Update, replay = false) => track(run(update, replay))

  const admit = async (updates: readonly Update[]) => {
    const admitted = await journal.admit(updates)
    if (admitted.length < updates.length) {
      const fresh = new Set(admitted)
      log.info(
        { updateIds: updates.filter((update) => !fresh.has(update)).map((update) => update.update_id) },
        'dropped redelivered updates (handled or in progress already)',
      )
    }
    return admitted
  }

  const sweep = async () => {
    const orphans = await journal.claimOrphans()
    if (orphans.length === 0) return
    log.info(
      { updateIds: orphans.map((update) => update.update_id) },
      'handling updates left unfinished by a bot process that stopped',
    )
    orphans.sort((a, b) => a.update_id - b.update_id)
    for (const update of orphans) void handleAdmitted(update, true)
  }
  const tick = () => {
    if (sweepBusy) return
    sweepBusy = true
    sweeping = sweep()
      .finally(() => {
        sweepBusy = false
      })
      .catch((error: unknown) =>
        log.warn({ err: error }, 'could not look for unfinished updates; the next sweep retries'),
      )
  }

  return {
    admit,
    handleAdmitted,
    async handle(update) {
      // Telegram keeps an update it got no answer for and sends it again, to this process's successor.
      if (stopping) throw new Error('the bot is shutting down; Telegram will deliver the update again')
      const [admitted] = await admit([update])
      if (admitted) await handleAdmitted(admitted)
    },
    async start() {
      await journal.start()
      tick()
      sweepTimer = setInterval(tick, sweepIntervalMs)
      sweepTimer.unref()
    },
    async stop() {
      stopping = true
      clearInterval(sweepTimer)
      await sweeping
      while (inProgress.size > 0) await Promise.allSettled([...inProgress])
      await journal.stop()
    },
  }
}
