/**
 * A simulated group or (forum) supergroup: membership, the bot's rights
 * (what getChatMember / getChatAdministrators answer), and topics.
 */
import type { ChatMember, ForumTopic, Message, Update } from 'grammy/types'
import { type AdminRights, DEFAULT_ADMIN_RIGHTS, type MemberStatus } from './chat-store.ts'
import { ChatView } from './chat-view.ts'
import type { GroupMember } from './group-member.ts'
import { postUserMessage } from './incoming.ts'
import { DEFAULT_TOPIC_COLOR } from './methods/chats.ts'
import type { FakeState } from './state.ts'
import { waitUntil } from './waiting.ts'

export interface GroupOptions {
  title?: string
  /** Forum supergroup (topics). Implies type 'supergroup'. */
  forum?: boolean
  /** Default 'supergroup'. */
  type?: 'group' | 'supergroup'
  username?: string
  /** Plain members. */
  members?: GroupMember[]
  /** The creator (also a member). */
  owner?: GroupMember
  /** Administrators (also members). */
  admins?: GroupMember[]
  /** Bot is an administrator (default false = plain member). */
  botIsAdmin?: boolean
  /** Admin rights when botIsAdmin (default: DEFAULT_ADMIN_RIGHTS, incl. can_manage_topics). */
  botRights?: AdminRights
  /** Bot is in the chat at all (default true). */
  botIsMember?: boolean
}

export class TestGroup extends ChatView {
  constructor(state: FakeState, chatId: number) {
    super(state, chatId)
  }

  get id(): number {
    return this.chatId
  }

  get chat() {
    return this.chatState.chat
  }

  get title(): string {
    const c = this.chatState.chat
    return ('title' in c ? c.title : undefined) ?? ''
  }

  /** Adds (or changes) a member; pass status 'left'/'kicked' to remove. */
  setMember(user: GroupMember, status: MemberStatus = 'member', rights: AdminRights = {}): void {
    this.chatState.members.set(user.id, { user: user.user, status, rights })
    this.state.feed.notify()
  }

  /** Makes the bot an admin with the given rights, or a plain member with `false`. */
  setBotAdmin(rights: AdminRights | false = DEFAULT_ADMIN_RIGHTS): void {
    this.chatState.bot =
      rights === false
        ? { status: 'member', rights: {} }
        : { status: 'administrator', rights: { ...DEFAULT_ADMIN_RIGHTS, ...rights } }
    this.state.feed.notify()
  }

  /** What getChatMember answers for the bot. */
  botMember(): ChatMember {
    return this.state.chats.botMember(this.chatState)
  }

  /**
   * Adds the bot to the group (by `by`), queueing the my_chat_member update
   * and the new_chat_members service message like Telegram.
   */
  addBot(by: GroupMember, opts: { asAdmin?: boolean; rights?: AdminRights } = {}): void {
    const chat = this.chatState
    const old = this.state.chats.botMember(chat)
    chat.bot = opts.asAdmin
      ? { status: 'administrator', rights: { ...DEFAULT_ADMIN_RIGHTS, ...opts.rights } }
      : { status: 'member', rights: {} }
    this.state.updates.push({
      my_chat_member: {
        chat: chat.chat,
        from: by.user,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: old,
        new_chat_member: this.state.chats.botMember(chat),
      },
    } as never)
    postUserMessage(this.state, chat, by.user, { new_chat_members: [this.state.botAsUser()] })
  }

  /** Removes the bot (my_chat_member → left/kicked); later sends fail with 403. */
  removeBot(by: GroupMember, status: 'left' | 'kicked' = 'kicked'): void {
    const chat = this.chatState
    const old = this.state.chats.botMember(chat)
    chat.bot = { status, rights: {} }
    this.state.updates.push({
      my_chat_member: {
        chat: chat.chat,
        from: by.user,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: old,
        new_chat_member: this.state.chats.botMember(chat),
      },
    } as never)
    this.state.feed.notify()
  }

  /** A user creates a forum topic (service message + update). Returns its message_thread_id. */
  createTopic(name: string, by: GroupMember, iconColor = DEFAULT_TOPIC_COLOR): number {
    const chat = this.chatState
    if (!(chat.chat.type === 'supergroup' && chat.chat.is_forum)) throw new Error(`${this.title} is not a forum`)
    const stored = this.state.chats.addMessage(
      chat,
      (message_id) =>
        ({
          message_id,
          message_thread_id: message_id,
          from: by.user,
          chat: chat.chat,
          date: Math.floor(Date.now() / 1000),
          is_topic_message: true,
          forum_topic_created: { name, icon_color: iconColor },
        }) as Message,
      { fromBot: false },
    )
    const topic: ForumTopic = { message_thread_id: stored.messageId, name, icon_color: iconColor }
    chat.topics.set(stored.messageId, { topic, closed: false, creation: stored.current })
    if (chat.bot.status !== 'left' && chat.bot.status !== 'kicked')
      this.state.updates.push({ message: stored.current } as Omit<Update, 'update_id'>)
    this.state.feed.notify()
    return stored.messageId
  }

  /** Topics (created by the bot or users), with their current name and state. */
  topics(): (ForumTopic & { closed: boolean })[] {
    return [...this.chatState.topics.values()].map((t) => ({ ...t.topic, closed: t.closed }))
  }

  topic(threadId: number): (ForumTopic & { closed: boolean }) | undefined {
    return this.topics().find((t) => t.message_thread_id === threadId)
  }

  /** Waits for the bot to create a topic (optionally with a given name). */
  waitForTopic(name?: string | RegExp, opts: { timeout?: number } = {}): Promise<ForumTopic & { closed: boolean }> {
    return waitUntil(this.state.feed, {
      label: `a forum topic ${name ? String(name) : ''} in ${this.title}`,
      timeout: opts.timeout,
      explain: () => this.transcript(),
      check: () =>
        this.topics().find(
          (t) => name === undefined || (typeof name === 'string' ? t.name === name : name.test(t.name)),
        ),
    })
  }
}
