/**
 * Read/wait access to what the bot sent into one chat. Base class of
 * TestUser (their private chat) and TestGroup.
 *
 * - `nextMessage()` hands out each bot message once, in order, as originally
 *   sent (a message sent before the call is returned immediately).
 * - `messages()` / `lastMessage()` / `waitFor()` see the current state,
 *   i.e. with edits applied and deleted messages gone.
 */
import type { Message } from 'grammy/types'
import type { ChatState, StoredMessage } from './chat-store.ts'
import type { FakeState } from './state.ts'
import { chatTranscript } from './transcript.ts'
import { QUIET_WINDOW_MS, quietWindow, type WaitOptions, waitUntil } from './waiting.ts'

export interface NextMessageOptions extends WaitOptions {
  /** Only messages in this forum topic. */
  threadId?: number
}

/** Service messages (topic created...) are not "messages the bot sent" for waiting purposes. */
function isContent(s: StoredMessage): boolean {
  return s.fromBot && s.current.forum_topic_created === undefined
}

export class ChatView {
  private readonly consumed = new Set<number>()

  constructor(
    protected readonly state: FakeState,
    /** The Telegram chat id. */
    readonly chatId: number,
  ) {}

  protected get chatState(): ChatState {
    const chat = this.state.chats.get(this.chatId)
    if (!chat) throw new Error(`chat ${this.chatId} vanished`)
    return chat
  }

  private botStored(threadId?: number): StoredMessage[] {
    return this.chatState.order.filter(
      (s) => isContent(s) && (threadId === undefined || s.current.message_thread_id === threadId),
    )
  }

  /** Resolves with the next bot message not handed out yet (as sent, before edits). */
  nextMessage(opts: NextMessageOptions = {}): Promise<Message> {
    return waitUntil(this.state.feed, {
      label: `the next bot message in chat ${this.chatId}${opts.threadId !== undefined ? ` thread ${opts.threadId}` : ''}`,
      timeout: opts.timeout,
      explain: () => this.transcript(),
      check: () => {
        const next = this.botStored(opts.threadId).find((s) => !this.consumed.has(s.messageId))
        if (!next) return undefined
        this.consumed.add(next.messageId)
        return next.original
      },
    })
  }

  /** Marks every bot message so far as seen, so nextMessage() only returns newer ones. */
  skipPending(): void {
    for (const s of this.botStored()) this.consumed.add(s.messageId)
  }

  /** Current state of every live bot message in this chat. */
  messages(opts: { threadId?: number } = {}): Message[] {
    return this.botStored(opts.threadId)
      .filter((s) => !s.deleted)
      .map((s) => s.current)
  }

  /** Current state of the latest live bot message. */
  lastMessage(opts: { threadId?: number } = {}): Message | undefined {
    const all = this.messages(opts)
    return all[all.length - 1]
  }

  /** Current state of any message (user's or bot's) by id. */
  message(messageId: number): Message | undefined {
    const s = this.chatState.messages.get(messageId)
    return s && !s.deleted ? s.current : undefined
  }

  /** Every version of a message ([0] = as sent). */
  versions(messageId: number): Message[] {
    return [...(this.chatState.messages.get(messageId)?.versions ?? [])]
  }

  /** Whole chat history (users' and bot's messages), current state. */
  history(): Message[] {
    return this.chatState.order.filter((s) => !s.deleted).map((s) => s.current)
  }

  /** Waits until some live bot message (edits applied) satisfies the predicate. */
  waitFor(predicate: (m: Message) => boolean, opts: WaitOptions & { description?: string } = {}): Promise<Message> {
    return waitUntil(this.state.feed, {
      label: `${opts.description ?? 'a bot message matching the predicate'} in chat ${this.chatId}`,
      timeout: opts.timeout,
      explain: () => this.transcript(),
      check: () => this.messages().find(predicate),
    })
  }

  /** Waits for a bot message whose text (or caption) matches. */
  waitForText(text: string | RegExp, opts: WaitOptions = {}): Promise<Message> {
    const matches = (m: Message): boolean => {
      const t = m.text ?? m.caption ?? ''
      return typeof text === 'string' ? t.includes(text) : text.test(t)
    }
    return this.waitFor(matches, { ...opts, description: `a bot message with text ${String(text)}` })
  }

  /** Resolves if the bot sends nothing new here within the quiet window; rejects with the message otherwise. */
  async expectNoMessage(): Promise<void> {
    const before = new Set(this.botStored().map((s) => s.messageId))
    await quietWindow()
    const extra = this.botStored().filter((s) => !before.has(s.messageId))
    if (extra.length)
      throw new Error(
        `Expected no bot message in chat ${this.chatId} within ${QUIET_WINDOW_MS} ms.\n${this.transcript()}`,
      )
  }

  /** History, failed calls and polling status, for debugging. */
  transcript(): string {
    return chatTranscript(this.state, this.chatId)
  }
}
