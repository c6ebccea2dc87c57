/**
 * Chats the fake knows about (private chats, groups, forum supergroups),
 * their members and the bot's own membership/rights, forum topics, and every
 * message in them. Message ids increase per chat, like in Telegram.
 */
import type {
  Chat,
  ChatMember,
  ChatMemberAdministrator,
  ForumTopic,
  MenuButton,
  Message,
  ReplyKeyboardMarkup,
  User,
} from 'grammy/types'
import { Errors } from './api-error.ts'
import type { AnyReplyMarkup } from './markup.ts'

/** Administrator rights of the bot (or a user) in a group; omitted = false. */
export type AdminRights = Partial<Omit<ChatMemberAdministrator, 'status' | 'user' | 'can_be_edited' | 'custom_title'>>

/** Rights the bot gets with `botIsAdmin: true` unless configured otherwise. */
export const DEFAULT_ADMIN_RIGHTS: AdminRights = {
  can_manage_chat: true,
  can_delete_messages: true,
  can_manage_video_chats: false,
  can_restrict_members: true,
  can_promote_members: false,
  can_change_info: true,
  can_invite_users: true,
  can_pin_messages: true,
  can_manage_topics: true,
  can_post_stories: false,
  can_edit_stories: false,
  can_delete_stories: false,
  is_anonymous: false,
}

export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked'

export interface MemberState {
  user: User
  status: MemberStatus
  rights: AdminRights
}

/** A message and its edit history. `current` is what a client shows now. */
export interface StoredMessage {
  readonly chatId: number
  readonly messageId: number
  /** Sent by the bot (through the API) rather than by a test user. */
  readonly fromBot: boolean
  /** The message as first sent. */
  readonly original: Message
  current: Message
  /** Every version, [0] = original. */
  readonly versions: Message[]
  /** reply_markup as passed by the bot (may be a reply keyboard, which Message objects omit). */
  readonly sentMarkup: AnyReplyMarkup | undefined
  deleted: boolean
  readonly sentAt: number
}

export interface TopicState {
  topic: ForumTopic
  closed: boolean
  /** The forum_topic_created service message (its id is the message_thread_id). */
  creation: Message
}

export interface ChatState {
  chat: Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat
  /** Private chats: the user on the other side. */
  user: User | undefined
  /** Private chats: the user has messaged the bot (otherwise 403 "can't initiate conversation"). */
  startedBot: boolean
  /** Private chats: the user blocked the bot (every send → 403). */
  blockedBot: boolean
  /** Private chats: the reply keyboard currently shown to the user. */
  replyKeyboard: ReplyKeyboardMarkup | undefined
  /** Groups: members by user id (the bot is tracked separately in `bot`). */
  members: Map<number, MemberState>
  bot: { status: MemberStatus; rights: AdminRights }
  topics: Map<number, TopicState>
  menuButton: MenuButton | undefined
  messages: Map<number, StoredMessage>
  /** Messages in send order. */
  order: StoredMessage[]
  nextMessageId: number
}

export class ChatStore {
  private readonly chats = new Map<number, ChatState>()
  private groupSeq = 0

  constructor(private readonly botUser: () => User) {}

  createPrivate(user: User, startedBot: boolean): ChatState {
    const chat: Chat.PrivateChat = {
      id: user.id,
      type: 'private',
      first_name: user.first_name,
      ...(user.last_name ? { last_name: user.last_name } : {}),
      ...(user.username ? { username: user.username } : {}),
    }
    return this.add({ chat, user, startedBot })
  }

  createGroup(opts: {
    title: string
    type: 'group' | 'supergroup'
    forum: boolean
    username?: string
    members: { user: User; status: MemberStatus; rights?: AdminRights }[]
    bot: { status: MemberStatus; rights: AdminRights }
  }): ChatState {
    const n = ++this.groupSeq
    const chat: Chat.GroupChat | Chat.SupergroupChat =
      opts.type === 'group'
        ? { id: -(4_000_000_000 + n), type: 'group', title: opts.title }
        : {
            id: -(1_000_000_000_000 + 2_000_000_000 + n),
            type: 'supergroup',
            title: opts.title,
            ...(opts.username ? { username: opts.username } : {}),
            ...(opts.forum ? { is_forum: true as const } : {}),
          }
    const state = this.add({ chat, user: undefined, startedBot: true })
    for (const m of opts.members)
      state.members.set(m.user.id, { user: m.user, status: m.status, rights: m.rights ?? {} })
    state.bot = opts.bot
    return state
  }

  private add(init: Pick<ChatState, 'chat' | 'user' | 'startedBot'>): ChatState {
    const state: ChatState = {
      ...init,
      blockedBot: false,
      replyKeyboard: undefined,
      members: new Map(),
      bot: { status: 'member', rights: {} },
      topics: new Map(),
      menuButton: undefined,
      messages: new Map(),
      order: [],
      nextMessageId: 1,
    }
    this.chats.set(init.chat.id, state)
    return state
  }

  get(chatId: number): ChatState | undefined {
    return this.chats.get(chatId)
  }

  all(): ChatState[] {
    return [...this.chats.values()]
  }

  /** Resolves a `chat_id` parameter (number, numeric string or `@username`); unknown → 400 "chat not found". */
  resolve(chatId: string | number | undefined): ChatState {
    if (chatId === undefined || chatId === '') throw Errors.badRequest('chat_id is empty')
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const name = chatId.slice(1).toLowerCase()
      const found = this.all().find((c) => 'username' in c.chat && c.chat.username?.toLowerCase() === name)
      if (!found) throw Errors.chatNotFound()
      return found
    }
    const state = this.chats.get(Number(chatId))
    if (!state) throw Errors.chatNotFound()
    return state
  }

  /** Adds a message to a chat; `build` receives the allocated message_id. */
  addMessage(
    state: ChatState,
    build: (messageId: number) => Message,
    opts: { fromBot: boolean; sentMarkup?: AnyReplyMarkup },
  ): StoredMessage {
    const messageId = state.nextMessageId++
    const message = build(messageId)
    const stored: StoredMessage = {
      chatId: state.chat.id,
      messageId,
      fromBot: opts.fromBot,
      original: message,
      current: message,
      versions: [message],
      sentMarkup: opts.sentMarkup,
      deleted: false,
      sentAt: Date.now(),
    }
    state.messages.set(messageId, stored)
    state.order.push(stored)
    return stored
  }

  /** A live (not deleted) message, or undefined. */
  message(state: ChatState, messageId: number): StoredMessage | undefined {
    const m = state.messages.get(messageId)
    return m && !m.deleted ? m : undefined
  }

  /** Records a new version of a message. */
  edit(stored: StoredMessage, next: Message): void {
    stored.current = next
    stored.versions.push(next)
  }

  /** The bot's ChatMember object in a chat. */
  botMember(state: ChatState): ChatMember {
    return memberObject(this.botUser(), state.bot.status, state.bot.rights)
  }

  /** A user's ChatMember object (unknown users are "left"). */
  member(state: ChatState, userId: number): ChatMember {
    if (userId === this.botUser().id) return this.botMember(state)
    if (state.chat.type === 'private') {
      if (state.user && state.user.id === userId) return memberObject(state.user, 'member', {})
      throw Errors.badRequest('user not found')
    }
    const m = state.members.get(userId)
    if (!m) return memberObject({ id: userId, is_bot: false, first_name: 'Unknown' }, 'left', {})
    return memberObject(m.user, m.status, m.rights)
  }

  /** Creator + administrators (including the bot when it is an admin). */
  administrators(state: ChatState): ChatMember[] {
    if (state.chat.type === 'private') throw Errors.badRequest('there are no administrators in the private chat')
    const out: ChatMember[] = []
    for (const m of state.members.values())
      if (m.status === 'creator' || m.status === 'administrator') out.push(memberObject(m.user, m.status, m.rights))
    if (state.bot.status === 'administrator') out.push(this.botMember(state))
    return out
  }
}

function memberObject(user: User, status: MemberStatus, rights: AdminRights): ChatMember {
  switch (status) {
    case 'creator':
      return { status: 'creator', user, is_anonymous: false }
    case 'administrator': {
      const r = { ...DEFAULT_ADMIN_RIGHTS, ...rights }
      return {
        status: 'administrator',
        user,
        can_be_edited: false,
        is_anonymous: r.is_anonymous ?? false,
        can_manage_chat: r.can_manage_chat ?? false,
        can_delete_messages: r.can_delete_messages ?? false,
        can_manage_video_chats: r.can_manage_video_chats ?? false,
        can_restrict_members: r.can_restrict_members ?? false,
        can_promote_members: r.can_promote_members ?? false,
        can_change_info: r.can_change_info ?? false,
        can_invite_users: r.can_invite_users ?? false,
        can_post_stories: r.can_post_stories ?? false,
        can_edit_stories: r.can_edit_stories ?? false,
        can_delete_stories: r.can_delete_stories ?? false,
        can_pin_messages: r.can_pin_messages ?? false,
        can_manage_topics: r.can_manage_topics ?? false,
        can_send_welcome_messages: false,
      } as ChatMember
    }
    case 'member':
      return { status: 'member', user }
    case 'restricted':
      return {
        status: 'restricted',
        user,
        is_member: true,
        can_send_messages: false,
        can_send_audios: false,
        can_send_documents: false,
        can_send_photos: false,
        can_send_videos: false,
        can_send_video_notes: false,
        can_send_voice_notes: false,
        can_send_polls: false,
        can_send_other_messages: false,
        can_add_web_page_previews: false,
        can_change_info: false,
        can_invite_users: false,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: 0,
      } as ChatMember
    case 'left':
      return { status: 'left', user }
    case 'kicked':
      return { status: 'kicked', user, until_date: 0 }
  }
}
