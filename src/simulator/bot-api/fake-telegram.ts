/**
 * FakeTelegram: a local stand-in for api.telegram.org that a real bot process
 * talks to via `TELEGRAM_API_ROOT` (grammY `client.apiRoot`). Tests create
 * users and groups, act through them, and assert on what the bot sent, on the
 * call log, and on stored settings. See index.ts for the module map.
 */
import type { BotCommand, BotCommandScope, Update, UserFromGetMe } from 'grammy/types'
import type { CallRecord } from './call-log.ts'
import { type AdminRights, type ChatState, DEFAULT_ADMIN_RIGHTS } from './chat-store.ts'
import type { Fault, FaultOptions } from './faults.ts'
import type { StoredFile } from './file-store.ts'
import type { GroupMember } from './group-member.ts'
import { BotApiHttpServer } from './server.ts'
import { type CallbackQueryState, commandsKey, FakeState, type WebhookState } from './state.ts'
import { type GroupOptions, TestGroup } from './test-group.ts'
import { TestUser, type UserOptions } from './test-user.ts'
import { pollingStatus } from './transcript.ts'
import { type WaitOptions, waitUntil } from './waiting.ts'

export interface FakeTelegramOptions {
  /** Bot token the fake accepts (others → 401). Default `<botId>:FAKE-...`. */
  token?: string
  botId?: number
  botUsername?: string
  botName?: string
  /** false (default) = privacy mode on: in groups a non-admin bot only sees commands, replies and mentions. */
  canReadAllGroupMessages?: boolean
  host?: string
  port?: number
}

export class FakeTelegram {
  private constructor(
    /** Internal state; exposed for advanced assertions and future simulator layers. */
    readonly state: FakeState,
    private readonly server: BotApiHttpServer,
    private readonly root: string,
  ) {}

  /** Starts the fake Bot API on 127.0.0.1 (random port). */
  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const botId = opts.botId ?? 7_000_000_001
    const token = opts.token ?? `${botId}:FAKE-${Math.random().toString(36).slice(2, 12)}${'x'.repeat(25)}`
    const bot: UserFromGetMe = {
      id: botId,
      is_bot: true,
      first_name: opts.botName ?? 'Grid 12315 Test Bot',
      username: opts.botUsername ?? 'grid12315_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: opts.canReadAllGroupMessages ?? false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    } as UserFromGetMe
    const state = new FakeState(token, bot)
    const server = new BotApiHttpServer(state)
    const root = await server.listen(opts.host, opts.port)
    return new FakeTelegram(state, server, root)
  }

  /** Value for grammY's `client.apiRoot` / TELEGRAM_API_ROOT, e.g. `http://127.0.0.1:41234`. */
  get apiRoot(): string {
    return this.root
  }

  get token(): string {
    return this.state.token
  }

  /** What getMe returns. */
  get botInfo(): UserFromGetMe {
    return this.state.bot
  }

  /** `{ BOT_TOKEN, TELEGRAM_API_ROOT }`, ready to pass to spawnBot. */
  get env(): { BOT_TOKEN: string; TELEGRAM_API_ROOT: string } {
    return { BOT_TOKEN: this.token, TELEGRAM_API_ROOT: this.apiRoot }
  }

  /** Answers pending long polls with [] and closes the server. */
  async stop(): Promise<void> {
    await this.server.close()
  }

  // ----- world building ---------------------------------------------------

  /** Creates a user with a private chat with the bot. */
  user(opts: UserOptions = {}): TestUser {
    const id = opts.id ?? this.state.nextUserId()
    const user = {
      id,
      is_bot: false,
      first_name: opts.firstName ?? `User${id % 1000}`,
      ...(opts.lastName ? { last_name: opts.lastName } : {}),
      ...(opts.username ? { username: opts.username } : {}),
      ...(opts.languageCode ? { language_code: opts.languageCode } : {}),
      ...(opts.isPremium ? { is_premium: true as const } : {}),
    }
    this.state.chats.createPrivate(user, opts.startedBot ?? false)
    return new TestUser(this.state, user)
  }

  /** Creates a group / supergroup / forum with members and the bot's status. */
  group(opts: GroupOptions = {}): TestGroup {
    const members: { user: GroupMember; status: 'creator' | 'administrator' | 'member'; rights?: AdminRights }[] = []
    if (opts.owner) members.push({ user: opts.owner, status: 'creator' })
    for (const a of opts.admins ?? []) members.push({ user: a, status: 'administrator', rights: DEFAULT_ADMIN_RIGHTS })
    for (const m of opts.members ?? [])
      if (!members.some((x) => x.user.id === m.id)) members.push({ user: m, status: 'member' })
    const state = this.state.chats.createGroup({
      title: opts.title ?? 'Test group',
      type: opts.forum ? 'supergroup' : (opts.type ?? 'supergroup'),
      forum: opts.forum ?? false,
      username: opts.username,
      members: members.map((m) => ({ user: m.user.user, status: m.status, rights: m.rights })),
      bot:
        opts.botIsMember === false
          ? { status: 'left', rights: {} }
          : opts.botIsAdmin
            ? { status: 'administrator', rights: { ...DEFAULT_ADMIN_RIGHTS, ...opts.botRights } }
            : { status: 'member', rights: {} },
    })
    return new TestGroup(this.state, state.chat.id)
  }

  /** Raw chat state (messages, members, topics) by id. */
  chat(chatId: number): ChatState | undefined {
    return this.state.chats.get(chatId)
  }

  // ----- updates ----------------------------------------------------------

  /** Queues an arbitrary update (update_id assigned). Escape hatch for shapes the helpers lack. */
  pushUpdate(body: Omit<Update, 'update_id'>): Update {
    const update = this.state.updates.push(body)
    this.state.feed.notify()
    return update
  }

  /** Re-queues an update with the same update_id, as Telegram does after a crash. */
  redeliver(update: Update): void {
    this.state.updates.redeliver(update)
    this.state.feed.notify()
  }

  /** Updates not confirmed by the bot yet (fetched or not). */
  pendingUpdates(): Update[] {
    return this.state.updates.unconfirmed()
  }

  /**
   * Resolves once the bot has fetched and confirmed every update, nothing but
   * a long poll is in flight, and no call arrived for `quietMs`.
   */
  idle(opts: WaitOptions & { quietMs?: number } = {}): Promise<void> {
    const quietMs = opts.quietMs ?? 150
    return waitUntil(this.state.feed, {
      label: `the bot to become idle (all updates confirmed, ${quietMs} ms without calls)`,
      timeout: opts.timeout,
      pollMs: 25,
      explain: () => `Unconfirmed updates: ${this.pendingUpdates().length}.\n${pollingStatus(this.state)}`,
      check: () =>
        this.state.updates.unconfirmed().length === 0 &&
        !this.state.log.inFlight().some((c) => c.method !== 'getUpdates') &&
        Date.now() - this.state.lastActivityAt >= quietMs
          ? true
          : undefined,
    }).then(() => undefined)
  }

  // ----- calls ------------------------------------------------------------

  /** Every call (optionally of one method / matching a predicate). */
  calls(method?: string, where?: (c: CallRecord) => boolean): CallRecord[] {
    return this.state.log.all(method, where)
  }

  /** The call log (sliding-window rate helpers, formatting). */
  get log() {
    return this.state.log
  }

  /**
   * Resolves with the first answered call of `method` (matching `where`,
   * with seq > `after`). Calls made before waiting count too. With
   * `inFlight: true` a call still being processed (e.g. a held long poll) counts.
   */
  waitForCall(
    method: string,
    opts: WaitOptions & { where?: (c: CallRecord) => boolean; after?: number; inFlight?: boolean } = {},
  ): Promise<CallRecord> {
    return waitUntil(this.state.feed, {
      label: `a ${method} call`,
      timeout: opts.timeout,
      explain: () => pollingStatus(this.state),
      check: () =>
        this.state.log.all(
          method,
          (c) =>
            (opts.inFlight || c.outcome !== 'pending') && c.seq > (opts.after ?? 0) && (!opts.where || opts.where(c)),
        )[0],
    })
  }

  // ----- faults -----------------------------------------------------------

  /**
   * Makes the next call(s) of `method` fail: `tg.failNext('sendMessage',
   * Faults.tooManyRequests(3), { chatId: alice.id, times: 2 })`.
   */
  failNext(method: string | readonly string[] | '*', fault: Fault, opts: FaultOptions = {}): void {
    this.state.faults.add(method, fault, opts)
  }

  /** Injected faults that have not fired yet. */
  pendingFaults() {
    return this.state.faults.pending()
  }

  // ----- stored settings ---------------------------------------------------

  /** Commands set for a scope + language (undefined if never set). */
  commands(opts: { scope?: BotCommandScope; languageCode?: string } = {}): BotCommand[] | undefined {
    return this.state.commands.get(commandsKey(opts.scope as { type?: string }, opts.languageCode))
  }

  /** Current webhook (undefined = none). */
  webhook(): WebhookState | undefined {
    return this.state.webhook
  }

  /** Every callback query sent by users, with the bot's answer if any. */
  callbackQueries(): CallbackQueryState[] {
    return [...this.state.callbackQueries.values()]
  }

  /** A file known to the fake (uploaded by a user or by the bot). */
  file(fileId: string): StoredFile | undefined {
    return this.state.files.get(fileId)
  }
}
