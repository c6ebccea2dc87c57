import type { Api } from 'grammy'
import type { Database } from '../../db/client.ts'
import type { Locale } from '../../i18n/locales.ts'
import type { Translator } from '../../i18n/translator.ts'
import type { Logger } from '../../logging/logger.ts'
import type { Redis } from '../../redis.ts'
import { createChatPacer } from '../../telegram/sending/chat-pacer.ts'
import { type DeliveryLimits, TELEGRAM_LIMITS } from '../../telegram/sending/delivery-limits.ts'
import { createPacedEditor } from '../../telegram/sending/paced-edit.ts'
import { createSendGate } from '../../telegram/sending/send-gate.ts'
import { createTelegramSender, type SenderOptions } from '../../telegram/sending/telegram-sender.ts'
import type { Outbox } from '../outbox/outbox.ts'
import { createNotifier } from './notifier.ts'

export interface NotificationDeps {
  db: Database
  outbox: Outbox
  translator: Translator
  log: Logger
  /** Sends to Telegram: `new Api(token, { apiRoot })`, without auto-retry (the sender handles 429s). */
  api: Api
  /** The connection the pacer keeps its windows on, and their key prefix. */
  redis: Redis
  redisPrefix: string
  /** The language of station groups. */
  defaultLocale: Locale
  /** Telegram's limits by default; tests scale the windows down. */
  limits?: DeliveryLimits
  /** Counters of sent and possibly-sent messages (the process's metrics). */
  onSent?: SenderOptions['onSent']
  onUncertain?: SenderOptions['onUncertain']
}

/**
 * The delivery side of the services, built once per worker process: the chat pacer behind the send gate, the
 * paced sender and editor, and the notifier that delivers every registered kind with them. The sender is also
 * returned for the scheduled postings and the warning broadcasts (with the editor), so that every message of the process shares one budget.
 */
export function createNotifications(deps: NotificationDeps) {
  const pacer = createSendGate(createChatPacer(deps.redis, deps.redisPrefix, deps.limits ?? TELEGRAM_LIMITS))
  const sender = createTelegramSender({
    api: deps.api,
    pacer,
    log: deps.log,
    onSent: deps.onSent,
    onUncertain: deps.onUncertain,
  })
  const editHtml = createPacedEditor({ api: deps.api, pacer, log: deps.log })
  const { db, translator, outbox, log, defaultLocale } = deps
  return {
    notifier: createNotifier({ db, sender, editHtml, translator, outbox, log, defaultLocale }),
    sender,
    editHtml,
  }
}
