/**
 * A simulated Telegram user. Acts (send, press, share...) by queueing
 * updates the bot will fetch, and observes the bot's replies in the user's
 * private chat through the ChatView methods.
 */
import type { Message, ReplyKeyboardMarkup, User } from 'grammy/types'
import type { ChatState } from './chat-store.ts'
import { ChatView } from './chat-view.ts'
import { detectEntities, type Placement, postUserMessage } from './incoming.ts'
import { type ButtonLabel, describeMarkup, findInlineButton, labelMatches } from './markup.ts'
import type { CallbackAnswer, FakeState } from './state.ts'
import type { TestGroup } from './test-group.ts'
import { chatTranscript } from './transcript.ts'
import { documentContent, photoContent, stickerContent, voiceContent } from './user-media.ts'
import { type WaitOptions, waitUntil } from './waiting.ts'

export interface UserOptions {
  firstName?: string
  lastName?: string
  username?: string
  /** IETF language tag as sent by the client, e.g. 'zh-hans', 'en'. */
  languageCode?: string
  id?: number
  isPremium?: boolean
  /**
   * Whether the user already opened the bot. If false (default) the bot gets
   * 403 "bot can't initiate conversation with a user" until the user writes.
   */
  startedBot?: boolean
}

export interface PressOptions extends WaitOptions {
  /** Press in this message (default: the latest bot message having the button). */
  inMessage?: Message | number
  /** Look in this group instead of the private chat. */
  in?: TestGroup
}

export class TestUser extends ChatView {
  constructor(
    state: FakeState,
    /** The Telegram User object (as seen in `from`). */
    readonly user: User,
  ) {
    super(state, user.id)
  }

  get id(): number {
    return this.user.id
  }

  get name(): string {
    return this.user.first_name
  }

  private post(chat: ChatState, content: Partial<Message>, where?: Placement): Message {
    if (chat.chat.type === 'private' && chat.blockedBot) this.unblockBot()
    return postUserMessage(this.state, chat, this.user, content, where).current
  }

  private textContent(text: string): Partial<Message> {
    const entities = detectEntities(text)
    return { text, ...(entities.length ? { entities } : {}) }
  }

  /** Sends a text message to the bot (commands get a bot_command entity). */
  async send(text: string, opts: { replyTo?: Message | number } = {}): Promise<Message> {
    return this.post(this.chatState, this.textContent(text), opts)
  }

  /**
   * Edits one of the user's own text messages, as a client does: the stored message gets the new text and an
   * `edit_date`, and the bot receives an `edited_message` update (if it can see the chat).
   */
  async editMessage(message: Message | number, text: string): Promise<Message> {
    const id = typeof message === 'number' ? message : message.message_id
    const stored = this.chatState.messages.get(id)
    if (!stored || stored.deleted) throw new Error(`message ${id} does not exist in chat ${this.chatId}`)
    if (stored.fromBot || stored.current.from?.id !== this.id)
      throw new Error(`${this.name} can only edit their own messages`)
    const { entities: _entities, ...rest } = stored.current
    const edited = { ...rest, ...this.textContent(text), edit_date: Math.floor(Date.now() / 1000) } as Message
    this.state.chats.edit(stored, edited)
    this.state.updates.push({ edited_message: edited } as never)
    this.state.feed.notify()
    return edited
  }

  /** Replies to a message in the private chat. */
  async reply(toMessage: Message | number, text: string): Promise<Message> {
    return this.send(text, { replyTo: toMessage })
  }

  /** Writes in a group (optionally in a forum topic / as a reply). The user must be a member. */
  async sendInGroup(group: TestGroup, text: string, opts: Placement = {}): Promise<Message> {
    return this.post(this.state.chats.resolve(group.chatId), this.textContent(text), opts)
  }

  /** Presses an inline button by label; resolves with the bot's answerCallbackQuery. */
  async press(label: ButtonLabel, opts: PressOptions = {}): Promise<CallbackAnswer> {
    const chat = opts.in ? this.state.chats.resolve(opts.in.chatId) : this.chatState
    const candidates =
      opts.inMessage !== undefined
        ? [chat.messages.get(typeof opts.inMessage === 'number' ? opts.inMessage : opts.inMessage.message_id)]
        : [...chat.order].reverse()
    const stored = candidates.find((s) => s && !s.deleted && s.fromBot && findInlineButton(s.current, label))
    if (!stored) {
      const available = chat.order
        .filter((s) => s.fromBot && !s.deleted && s.current.reply_markup)
        .map((s) => `  #${s.messageId}: ${describeMarkup(s.current.reply_markup)}`)
      throw new Error(
        `${this.name} found no inline button ${String(label)} in chat ${chat.chat.id}.\nButtons present:\n${available.join('\n') || '  (none)'}`,
      )
    }
    const button = findInlineButton(stored.current, label)
    if (!button || !('callback_data' in button))
      throw new Error(
        `button ${String(label)} has no callback_data (${JSON.stringify(button)}); pressing it does not reach the bot`,
      )
    return this.pressData(stored.messageId, button.callback_data, opts)
  }

  /** Sends a callback_query with arbitrary (possibly forged) data for a message. */
  async pressData(
    messageId: number,
    data: string,
    opts: Omit<PressOptions, 'inMessage'> = {},
  ): Promise<CallbackAnswer> {
    const chat = opts.in ? this.state.chats.resolve(opts.in.chatId) : this.chatState
    const stored = chat.messages.get(messageId)
    if (!stored) throw new Error(`message ${messageId} does not exist in chat ${chat.chat.id}`)
    const id = this.state.nextCallbackId()
    this.state.callbackQueries.set(id, {
      id,
      userId: this.id,
      chatId: chat.chat.id,
      messageId,
      data,
      sentAt: Date.now(),
      answer: undefined,
    })
    this.state.updates.push({
      callback_query: {
        id,
        from: this.user,
        message: stored.current,
        chat_instance: String(-chat.chat.id * 7919),
        data,
      },
    })
    this.state.feed.notify()
    return waitUntil(this.state.feed, {
      label: `answerCallbackQuery for ${this.name}'s press (data ${JSON.stringify(data)}, message #${messageId})`,
      timeout: opts.timeout,
      explain: () => chatTranscript(this.state, chat.chat.id),
      check: () => this.state.callbackQueries.get(id)?.answer,
    })
  }

  /** The reply keyboard currently shown in the private chat. */
  replyKeyboard(): ReplyKeyboardMarkup | undefined {
    return this.chatState.replyKeyboard
  }

  /** Taps a reply-keyboard button: sends its text, or the contact/location it requests. */
  async tap(label: ButtonLabel): Promise<Message> {
    const kb = this.chatState.replyKeyboard
    const button = kb?.keyboard.flat().find((b) => labelMatches(typeof b === 'string' ? b : b.text, label))
    if (!kb || !button)
      throw new Error(`${this.name} has no reply keyboard button ${String(label)} (keyboard: ${describeMarkup(kb)})`)
    if (kb.one_time_keyboard) this.chatState.replyKeyboard = undefined
    if (typeof button !== 'string' && 'request_contact' in button) return this.shareContact('+8613800138000')
    if (typeof button !== 'string' && 'request_location' in button) return this.shareLocation(31.2304, 121.4737)
    return this.send(typeof button === 'string' ? button : button.text)
  }

  /** Shares a contact (own by default), as the request_contact keyboard button does. */
  async shareContact(
    phone: string,
    opts: { firstName?: string; lastName?: string; userId?: number } = {},
  ): Promise<Message> {
    return this.post(this.chatState, {
      contact: {
        phone_number: phone,
        first_name: opts.firstName ?? this.user.first_name,
        ...((opts.lastName ?? this.user.last_name) ? { last_name: opts.lastName ?? this.user.last_name } : {}),
        user_id: opts.userId ?? this.id,
      },
    })
  }

  async shareLocation(latitude: number, longitude: number): Promise<Message> {
    return this.post(this.chatState, { location: { latitude, longitude } })
  }

  /** Sends a photo (bytes, or a size for generated content). */
  async sendPhoto(
    content: Uint8Array | number,
    opts: { caption?: string; width?: number; height?: number; in?: TestGroup; threadId?: number } = {},
  ): Promise<Message> {
    const photo = photoContent(this.state.files, content, opts)
    return this.post(opts.in ? this.state.chats.resolve(opts.in.chatId) : this.chatState, photo, {
      threadId: opts.threadId,
    })
  }

  /**
   * Sends a document. Give `bytes`, or `size` for generated content; above
   * 20 MB no bytes exist and the bot's getFile fails with "file is too big".
   */
  async sendDocument(opts: {
    fileName?: string
    mimeType?: string
    size?: number
    bytes?: Uint8Array
    caption?: string
    in?: TestGroup
    threadId?: number
  }): Promise<Message> {
    const document = documentContent(this.state.files, opts)
    return this.post(opts.in ? this.state.chats.resolve(opts.in.chatId) : this.chatState, document, {
      threadId: opts.threadId,
    })
  }

  async sendSticker(opts: { emoji?: string } = {}): Promise<Message> {
    return this.post(this.chatState, stickerContent(this.state.files, opts))
  }

  async sendVoice(opts: { duration?: number; size?: number } = {}): Promise<Message> {
    return this.post(this.chatState, voiceContent(this.state.files, opts))
  }

  /** Blocks the bot: my_chat_member update (kicked); every later send to this chat → 403. */
  blockBot(): void {
    const chat = this.chatState
    if (chat.blockedBot) return
    chat.blockedBot = true
    this.pushMyChatMember('member', 'kicked')
  }

  /** Unblocks (restarts) the bot: my_chat_member update (member). */
  unblockBot(): void {
    const chat = this.chatState
    if (!chat.blockedBot) return
    chat.blockedBot = false
    this.pushMyChatMember('kicked', 'member')
  }

  private pushMyChatMember(from: 'member' | 'kicked', to: 'member' | 'kicked'): void {
    const bot = this.state.botAsUser()
    const member = (status: 'member' | 'kicked') =>
      status === 'member' ? { status, user: bot } : { status, user: bot, until_date: 0 }
    this.state.updates.push({
      my_chat_member: {
        chat: this.chatState.chat,
        from: this.user,
        date: Math.floor(Date.now() / 1000),
        old_chat_member: member(from),
        new_chat_member: member(to),
      },
    } as never)
    this.state.feed.notify()
  }
}
