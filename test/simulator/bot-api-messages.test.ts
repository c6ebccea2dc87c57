/**
 * Messages as the Bot API answers about them: edits, deletions, copies, forwards, replies and threads, chat
 * actions, keyboards, and the bot's own settings (webhook, commands, profile, answers to button presses), with
 * Telegram's error descriptions.
 */
import { Api, InlineKeyboard, InputFile, Keyboard } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram, generateBytes, type TestUser } from '../../src/simulator/bot-api/index.ts'

let tg: FakeTelegram
let api: Api
let consumer: TestUser
let staff: TestUser

beforeAll(async () => {
  tg = await FakeTelegram.start()
  api = new Api(tg.token, { apiRoot: tg.apiRoot })
  consumer = tg.user({ firstName: '王小明', startedBot: true })
  staff = tg.user({ firstName: '张站长', startedBot: true })
})
afterAll(async () => {
  await tg.stop()
})

const confirm = new InlineKeyboard().text('✅ 确认', 'confirm')
const notModified = {
  description:
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
}

describe('editing', () => {
  it('edits a text, and counts a change of formatting alone as a change', async () => {
    const m = await api.sendMessage(consumer.id, '已受理', { reply_markup: confirm })
    const bold = await api.editMessageText(consumer.id, m.message_id, '<b>已受理</b>', {
      parse_mode: 'HTML',
      reply_markup: confirm,
    })
    expect(bold).toMatchObject({ text: '已受理', entities: [{ type: 'bold' }], reply_markup: confirm })
    await api.editMessageText(consumer.id, m.message_id, '已受理', { reply_markup: confirm })
    expect(consumer.message(m.message_id)).not.toHaveProperty('entities')
  })

  it('edits a caption, and refuses a caption edit of a text and a text edit of a photo', async () => {
    const photo = await api.sendPhoto(consumer.id, new InputFile(generateBytes(100, 1), 'receipt.jpg'), {
      caption: '收据',
    })
    await expect(api.editMessageText(consumer.id, photo.message_id, 'x')).rejects.toMatchObject({
      description: 'Bad Request: there is no text in the message to edit',
    })
    await expect(api.editMessageCaption(consumer.id, photo.message_id, { caption: '收据' })).rejects.toMatchObject(
      notModified,
    )
    const edited = await api.editMessageCaption(consumer.id, photo.message_id, {
      caption: '<i>收据</i>',
      parse_mode: 'HTML',
    })
    expect(edited).toMatchObject({ caption: '收据', caption_entities: [{ type: 'italic' }] })
    await expect(
      api.editMessageCaption(consumer.id, photo.message_id, { caption: 'x'.repeat(1025) }),
    ).rejects.toMatchObject({ description: 'Bad Request: message caption is too long' })
    const text = await api.sendMessage(consumer.id, '文字')
    await expect(api.editMessageCaption(consumer.id, text.message_id, { caption: 'x' })).rejects.toMatchObject({
      description: 'Bad Request: there is no caption in the message to edit',
    })
  })

  it("edits a keyboard away, and refuses to edit the same keyboard, a user's message or an inline message", async () => {
    const m = await api.sendMessage(consumer.id, '请确认', { reply_markup: confirm })
    await expect(
      api.editMessageReplyMarkup(consumer.id, m.message_id, { reply_markup: confirm }),
    ).rejects.toMatchObject(notModified)
    await api.editMessageReplyMarkup(consumer.id, m.message_id)
    expect(consumer.message(m.message_id)?.reply_markup).toBeUndefined()
    expect(consumer.versions(m.message_id)).toHaveLength(2)
    const own = await consumer.send('我的消息')
    await expect(api.editMessageText(consumer.id, own.message_id, 'x')).rejects.toMatchObject({
      description: "Bad Request: message can't be edited",
    })
    await expect(api.editMessageTextInline('inline-1', 'x')).rejects.toMatchObject({
      description: 'Bad Request: inline messages are not simulated by the fake Bot API',
    })
  })
})

describe('deleting', () => {
  it("deletes the bot's messages and a user's in a private chat; answers when there is nothing to delete", async () => {
    const m = await api.sendMessage(consumer.id, '临时')
    const own = await consumer.send('撤回')
    expect(await api.deleteMessage(consumer.id, m.message_id)).toBe(true)
    await api.deleteMessage(consumer.id, own.message_id)
    expect(consumer.history().map((x) => x.text)).not.toContain('临时')
    expect(consumer.message(own.message_id)).toBeUndefined()
    await expect(api.deleteMessage(consumer.id, m.message_id)).rejects.toMatchObject({
      description: 'Bad Request: message to delete not found',
    })
  })

  it("deletes a member's group message only as an administrator; deletes several at once", async () => {
    const group = tg.group({ title: '联络站', members: [staff] })
    const said = await staff.sendInGroup(group, '/start')
    await expect(api.deleteMessage(group.id, said.message_id)).rejects.toMatchObject({
      description: "Bad Request: message can't be deleted",
    })
    group.setBotAdmin()
    await api.deleteMessage(group.id, said.message_id)
    const a = await api.sendMessage(group.id, 'a')
    const b = await api.sendMessage(group.id, 'b')
    expect(await api.deleteMessages(group.id, [a.message_id, b.message_id, 999])).toBe(true)
    expect(group.history()).toEqual([])
  })
})

describe('copies and forwards', () => {
  it('copies a photo into a group with a new caption, and forwards it naming the sender', async () => {
    const group = tg.group({ title: '联络站', members: [staff], botIsAdmin: true })
    const photo = await consumer.sendPhoto(2048, { caption: '发票' })
    const { message_id } = await api.copyMessage(group.id, consumer.id, photo.message_id, { caption: '证据 1' })
    expect(group.message(message_id)).toMatchObject({ photo: photo.photo, caption: '证据 1' })
    const forwarded = await api.forwardMessage(group.id, consumer.id, photo.message_id)
    expect(forwarded).toMatchObject({
      caption: '发票',
      forward_origin: { type: 'user', sender_user: { id: consumer.id } },
    })
  })

  it('refuses a message that does not exist, and a service message that cannot be copied', async () => {
    const forum = tg.group({ title: '中心', forum: true, botIsAdmin: true, members: [staff] })
    const topic = await api.createForumTopic(forum.id, 'MS-1')
    await expect(api.copyMessage(consumer.id, forum.id, topic.message_thread_id)).rejects.toMatchObject({
      description: "Bad Request: message can't be copied",
    })
    await expect(api.copyMessage(consumer.id, forum.id, 999)).rejects.toMatchObject({
      description: 'Bad Request: message to copy not found',
    })
    await expect(api.forwardMessage(consumer.id, forum.id, 999)).rejects.toMatchObject({
      description: 'Bad Request: message to forward not found',
    })
  })
})

describe('replies, threads and chat actions', () => {
  it('replies to a message, and refuses a reply to a missing one unless told to send anyway', async () => {
    const question = await consumer.send('进度如何？')
    const answer = await api.sendMessage(consumer.id, '已受理', {
      reply_parameters: { message_id: question.message_id },
    })
    expect(answer.reply_to_message).toMatchObject({ message_id: question.message_id, text: '进度如何？' })
    await expect(api.sendMessage(consumer.id, 'x', { reply_parameters: { message_id: 999 } })).rejects.toMatchObject({
      description: 'Bad Request: message to be replied not found',
    })
    const anyway = await api.sendMessage(consumer.id, 'x', {
      reply_parameters: { message_id: 999, allow_sending_without_reply: true },
    })
    expect(anyway.reply_to_message).toBeUndefined()
  })

  it('puts a reply into the thread of its message; a thread id means nothing outside supergroups', async () => {
    const forum = tg.group({ title: '中心', forum: true, botIsAdmin: true, members: [staff] })
    const { message_thread_id: id } = await api.createForumTopic(forum.id, 'MS-2')
    const card = await api.sendMessage(forum.id, '卡片', { message_thread_id: id })
    const reply = await api.sendMessage(forum.id, '回复', { reply_parameters: { message_id: card.message_id } })
    expect(reply).toMatchObject({ message_thread_id: id, is_topic_message: true })
    await expect(api.sendMessage(forum.id, 'x', { message_thread_id: 999 })).rejects.toMatchObject({
      description: 'Bad Request: message thread not found',
    })
    const basic = tg.group({ title: '小组', type: 'group', botIsAdmin: true })
    expect(await api.sendMessage(basic.id, 'x', { message_thread_id: 5 })).not.toHaveProperty('message_thread_id')
  })

  it('accepts a known chat action and refuses an unknown one or a chat that blocked the bot', async () => {
    expect(await api.sendChatAction(consumer.id, 'typing')).toBe(true)
    await expect(api.sendChatAction(consumer.id, 'dancing' as 'typing')).rejects.toMatchObject({
      description: 'Bad Request: wrong parameter action in request',
    })
    const gone = tg.user({ firstName: '离开', startedBot: true })
    gone.blockBot()
    await expect(api.sendChatAction(gone.id, 'typing')).rejects.toMatchObject({ error_code: 403 })
  })
})

describe('keyboards', () => {
  it('shows a reply keyboard until the bot removes it, and a tap sends the button text', async () => {
    const keyboard = new Keyboard().text('📝 投诉').requestContact('📱 手机号').oneTime()
    await api.sendMessage(consumer.id, '请选择', { reply_markup: keyboard })
    expect(
      consumer
        .replyKeyboard()
        ?.keyboard.flat()
        .map((b) => (typeof b === 'string' ? b : b.text)),
    ).toEqual(['📝 投诉', '📱 手机号'])
    expect((await consumer.tap('📱 手机号')).contact).toMatchObject({ user_id: consumer.id })
    expect(consumer.replyKeyboard()).toBeUndefined()
    await api.sendMessage(consumer.id, '请选择', { reply_markup: new Keyboard().text('📝 投诉') })
    await api.sendMessage(consumer.id, '好的', { reply_markup: { remove_keyboard: true } })
    expect(consumer.replyKeyboard()).toBeUndefined()
    await expect(consumer.tap('📝 投诉')).rejects.toThrow(/has no reply keyboard button 📝 投诉/)
  })

  it.each([
    [
      { inline_keyboard: [{ text: 'x' }] },
      'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays',
    ],
    [{ inline_keyboard: [[{ text: 'x' }]] }, 'text buttons are unallowed in the inline keyboard'],
    [{ inline_keyboard: [[{ text: '', callback_data: 'x' }]] }, 'text buttons are unallowed in the inline keyboard'],
    [{ inline_keyboard: [[{ text: 'x', callback_data: '投'.repeat(22) }]] }, 'BUTTON_DATA_INVALID'],
    [
      { inline_keyboard: [[{ text: 'x', url: 'ftp://12315.example' }]] },
      "inline keyboard button URL 'ftp://12315.example' is invalid: Wrong HTTP URL",
    ],
    [{ keyboard: 'x' }, 'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'],
    [{ buttons: [] }, "can't parse reply keyboard markup JSON object"],
    [7, "can't parse reply keyboard markup JSON object"],
  ])('refuses the keyboard %j: %s', async (markup, description) => {
    await expect(api.sendMessage(consumer.id, 'x', { reply_markup: markup as never })).rejects.toMatchObject({
      description: `Bad Request: ${description}`,
    })
  })

  it('describes the buttons there are when a button is not found', async () => {
    const chat = tg.user({ firstName: '按钮', startedBot: true })
    await api.sendMessage(chat.id, '请选择', {
      reply_markup: new InlineKeyboard().text('是', 'yes').url('说明', 'https://12315.example'),
    })
    await expect(chat.press('否')).rejects.toThrow(/#1: \[是\|yes\] \[说明\|https:\/\/12315\.example\]/)
    await expect(chat.press('说明')).rejects.toThrow(/has no callback_data/)
  })
})

describe("the bot's settings", () => {
  it('keeps a webhook with its options, refuses plain HTTP, and drops pending updates when asked', async () => {
    await expect(api.setWebhook('http://bot.example.org/hook')).rejects.toMatchObject({
      description: 'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    })
    await consumer.send('/start')
    await api.setWebhook('https://bot.example.org/hook', { max_connections: 5, allowed_updates: ['message'] })
    expect(await api.getWebhookInfo()).toMatchObject({
      url: 'https://bot.example.org/hook',
      pending_update_count: tg.pendingUpdates().length,
      max_connections: 5,
      allowed_updates: ['message'],
    })
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409 })
    await api.setWebhook('')
    expect(await api.getWebhookInfo()).toMatchObject({ url: '' })
    await api.setWebhook('https://bot.example.org/hook', { drop_pending_updates: true })
    expect(tg.pendingUpdates()).toEqual([])
    await consumer.send('/help')
    await api.deleteWebhook({ drop_pending_updates: true })
    expect(tg.webhook()).toBeUndefined()
    expect(tg.pendingUpdates()).toEqual([])
  })

  it('keeps commands per scope, deletes them, and refuses bad lists', async () => {
    const scope = { type: 'chat' as const, chat_id: staff.id }
    await api.setMyCommands([{ command: 'stats', description: '统计' }], { scope })
    expect(await api.getMyCommands({ scope })).toEqual([{ command: 'stats', description: '统计' }])
    await api.deleteMyCommands({ scope })
    expect(await api.getMyCommands({ scope })).toEqual([])
    await api.setMyCommands([{ command: 'stats', description: '统计' }], { scope })
    await api.setMyCommands([], { scope })
    expect(tg.commands({ scope })).toBeUndefined()
    const many = Array.from({ length: 101 }, (_, i) => ({ command: `c${i}`, description: 'x' }))
    await expect(api.setMyCommands(many)).rejects.toMatchObject({ description: 'Bad Request: too many commands' })
    await expect(api.setMyCommands([{ command: 'stats', description: '' }])).rejects.toMatchObject({
      description: 'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
    })
    await expect(api.setMyCommands(null as never)).rejects.toMatchObject({
      description: 'Bad Request: commands is empty',
    })
  })

  it('keeps its name and descriptions per language', async () => {
    await api.setMyName('12315 投诉助手', { language_code: 'zh' })
    await api.setMyDescription('Complaints to 12315')
    await api.setMyShortDescription('12315')
    expect(await api.getMyName({ language_code: 'zh' })).toEqual({ name: '12315 投诉助手' })
    expect(await api.getMyName()).toEqual({ name: '' })
    expect(await api.getMyDescription()).toEqual({ description: 'Complaints to 12315' })
    expect(await api.getMyShortDescription()).toEqual({ short_description: '12315' })
    expect(await api.logOut()).toBe(true)
    expect(await api.close()).toBe(true)
  })

  it('answers a button press once, with its options, and refuses a second answer or a long text', async () => {
    const m = await api.sendMessage(consumer.id, '请确认', { reply_markup: confirm })
    const pressed = consumer.pressData(m.message_id, 'confirm')
    const [query] = tg.callbackQueries().slice(-1)
    await expect(api.answerCallbackQuery(query!.id, { text: 'x'.repeat(201) })).rejects.toMatchObject({
      description: 'Bad Request: MESSAGE_TOO_LONG',
    })
    await api.answerCallbackQuery(query!.id, { url: 'https://t.me/grid_bot?start=1', cache_time: 5, show_alert: false })
    expect(await pressed).toEqual({ url: 'https://t.me/grid_bot?start=1', cache_time: 5, show_alert: false })
    const tooOld = { description: 'Bad Request: query is too old and response timeout expired or query ID is invalid' }
    await expect(api.answerCallbackQuery(query!.id)).rejects.toMatchObject(tooOld)
    await expect(api.answerCallbackQuery('nonsense')).rejects.toMatchObject(tooOld)
  })
})
