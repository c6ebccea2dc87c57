/**
 * The whole simulated Bot API world, shared by the HTTP layer, the method
 * handlers and the test-facing handles (TestUser, TestGroup).
 */
import type { BotCommand, MenuButton, User, UserFromGetMe } from 'grammy/types'
import { CallLog } from './call-log.ts'
import { ChatStore } from './chat-store.ts'
import { FaultQueue } from './faults.ts'
import { FileStore } from './file-store.ts'
import { UpdateQueue } from './update-queue.ts'
import { ChangeFeed } from './waiting.ts'

/** What the bot passed to answerCallbackQuery. */
export interface CallbackAnswer {
  text?: string
  show_alert?: boolean
  url?: string
  cache_time?: number
}

export interface CallbackQueryState {
  readonly id: string
  readonly userId: number
  readonly chatId: number
  readonly messageId: number
  readonly data: string
  readonly sentAt: number
  /** Set once the bot called answerCallbackQuery. */
  answer: CallbackAnswer | undefined
}

export interface WebhookState {
  url: string
  secretToken: string | undefined
  allowedUpdates: string[] | undefined
  maxConnections: number | undefined
}

export class FakeState {
  readonly feed = new ChangeFeed()
  readonly log = new CallLog()
  readonly faults = new FaultQueue()
  readonly updates = new UpdateQueue()
  readonly files = new FileStore()
  readonly chats: ChatStore
  /** setMyCommands storage keyed by {@link commandsKey}. */
  readonly commands = new Map<string, BotCommand[]>()
  /** setMyName / setMyDescription / setMyShortDescription storage, keyed `${what}|${language}`. */
  readonly profile = new Map<string, string>()
  readonly callbackQueries = new Map<string, CallbackQueryState>()
  webhook: WebhookState | undefined
  defaultMenuButton: MenuButton = { type: 'commands' }
  /** Incremented by every getUpdates; an older long poll that sees a newer generation answers 409. */
  pollGeneration = 0
  /** Set while the server shuts down: pending long polls return []. */
  closing = false
  /** Date.now() of the last call activity other than an idle long poll (see FakeTelegram.idle). */
  lastActivityAt = Date.now()
  private userSeq = 0
  private callbackSeq = 0

  constructor(
    readonly token: string,
    readonly bot: UserFromGetMe,
  ) {
    this.chats = new ChatStore(() => this.botAsUser())
  }

  /** The bot as it appears in `from` fields. */
  botAsUser(): User {
    return { id: this.bot.id, is_bot: true, first_name: this.bot.first_name, username: this.bot.username }
  }

  nextUserId(): number {
    return 700_000_000 + ++this.userSeq
  }

  nextCallbackId(): string {
    return `${this.bot.id}${(++this.callbackSeq).toString().padStart(6, '0')}`
  }

  /** Marks activity and wakes every waiter. */
  touch(): void {
    this.lastActivityAt = Date.now()
    this.feed.notify()
  }
}

/** Storage key for commands: scope (type + chat/user) and language. */
export function commandsKey(
  scope: { type?: string; chat_id?: number | string; user_id?: number } | undefined,
  language?: string,
): string {
  const s = scope ?? { type: 'default' }
  return [s.type ?? 'default', s.chat_id ?? '', s.user_id ?? '', language ?? ''].join('|')
}
