import { Api, Bot, GrammyError, HttpError, InlineKeyboard, InputFile } from 'grammy'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeTelegram, Faults, generateBytes, sha256 } from '../../src/simulator/bot-api/index.ts'

describe('Bot API semantics (in-process grammY client)', () => {
  let tg: FakeTelegram
  let api: Api

  beforeEach(async () => {
    tg = await FakeTelegram.start()
    api = new Api(tg.token, { apiRoot: tg.apiRoot })
  })
  afterEach(async () => {
    await tg.stop()
  })

  it('rejects unknown tokens with 401 and unknown methods with 404', async () => {
    const wrong = new Api('1:wrong', { apiRoot: tg.apiRoot })
    await expect(wrong.getMe()).rejects.toMatchObject({ error_code: 401, description: 'Unauthorized' })
    await expect(api.raw.getMe()).resolves.toMatchObject({ is_bot: true, username: tg.botInfo.username })
    const res = await fetch(`${tg.apiRoot}/bot${tg.token}/sendTelepathy`, { method: 'POST' })
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' })
  })

  it('injects 429 with retry_after', async () => {
    const alice = tg.user({ firstName: 'Alice', startedBot: true })
    tg.failNext('sendMessage', Faults.tooManyRequests(3), { chatId: alice.id })
    const err = await api.sendMessage(alice.id, 'hi').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(GrammyError)
    expect(err).toMatchObject({
      error_code: 429,
      description: 'Too Many Requests: retry after 3',
      parameters: { retry_after: 3 },
    })
    await api.sendMessage(alice.id, 'hi again')
    expect(alice.messages().map((m) => m.text)).toEqual(['hi again'])
    expect(tg.calls('sendMessage').map((c) => c.outcome)).toEqual(['error', 'ok'])
    expect(tg.log.maxSendsPerChat(1000)).toEqual({ chatId: alice.id, count: 1 })
  })

  it('answers "message is not modified" for an identical edit', async () => {
    const alice = tg.user({ firstName: 'Alice', startedBot: true })
    const kb = new InlineKeyboard().text('Yes', 'yes')
    const m = await api.sendMessage(alice.id, '<b>Confirm?</b>', { parse_mode: 'HTML', reply_markup: kb })
    await expect(
      api.editMessageText(alice.id, m.message_id, '<b>Confirm?</b>', { parse_mode: 'HTML', reply_markup: kb }),
    ).rejects.toMatchObject({
      error_code: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    })
    await api.editMessageText(alice.id, m.message_id, 'Confirmed')
    expect(alice.lastMessage()).toMatchObject({ text: 'Confirmed', edit_date: expect.any(Number) })
    expect(alice.lastMessage()?.reply_markup).toBeUndefined()
    await expect(api.editMessageText(alice.id, 999, 'x')).rejects.toMatchObject({
      description: 'Bad Request: message to edit not found',
    })
  })

  it('enforces Telegram limits and permissions', async () => {
    const alice = tg.user({ firstName: 'Alice' })
    await expect(api.sendMessage(alice.id, 'hi')).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    })
    await alice.send('hello')
    await expect(api.sendMessage(alice.id, 'x'.repeat(4097))).rejects.toMatchObject({
      description: 'Bad Request: message is too long',
    })
    await expect(api.sendMessage(alice.id, 'a<br>b', { parse_mode: 'HTML' })).rejects.toMatchObject({
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 1',
    })
    await expect(api.sendMessage(alice.id, 'Done.', { parse_mode: 'MarkdownV2' })).rejects.toMatchObject({
      description:
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    })
    alice.blockBot()
    await expect(api.sendMessage(alice.id, 'hi')).rejects.toMatchObject({
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    })
    expect(tg.pendingUpdates().map((u) => Object.keys(u)[1])).toEqual(['message', 'my_chat_member'])
  })

  it('uploads files as multipart and serves them back', async () => {
    const alice = tg.user({ firstName: 'Alice', startedBot: true })
    const bytes = generateBytes(70_000, 7)
    const sent = await api.sendDocument(alice.id, new InputFile(bytes, 'report.csv'), {
      caption: 'weekly <i>report</i>',
      parse_mode: 'HTML',
    })
    expect(sent.document).toMatchObject({ file_name: 'report.csv', file_size: bytes.length })
    expect(sent.caption).toBe('weekly report')
    expect(tg.calls('sendDocument')[0]?.uploads).toEqual([
      expect.objectContaining({ filename: 'report.csv', size: bytes.length }),
    ])
    const file = await api.getFile(sent.document!.file_id)
    const res = await fetch(`${tg.apiRoot}/file/bot${tg.token}/${file.file_path}`)
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(bytes))
    const photo = await api.sendPhoto(alice.id, new InputFile(bytes, 'p.jpg'))
    expect(photo.photo?.at(-1)?.file_size).toBe(bytes.length)
    const again = await api.sendPhoto(alice.id, photo.photo!.at(-1)!.file_id)
    expect(again.photo).toBeDefined()
    await expect(api.sendPhoto(alice.id, 'nonsense')).rejects.toMatchObject({
      description: 'Bad Request: wrong file identifier/HTTP URL specified',
    })
  })

  it('simulates dropped connections and 5xx', async () => {
    const alice = tg.user({ firstName: 'Alice', startedBot: true })
    tg.failNext('sendMessage', Faults.dropConnection({ afterProcessing: true }))
    await expect(api.sendMessage(alice.id, 'lost ack')).rejects.toBeInstanceOf(HttpError)
    expect(alice.messages().map((m) => m.text)).toEqual(['lost ack']) // delivered although the call failed
    tg.failNext('sendMessage', Faults.serverError(502))
    await expect(api.sendMessage(alice.id, 'x')).rejects.toBeInstanceOf(HttpError)
    tg.failNext('sendMessage', Faults.serverError(500))
    await expect(api.sendMessage(alice.id, 'x')).rejects.toMatchObject({ error_code: 500 })
    expect(tg.pendingFaults()).toEqual([])
  })

  it('stores commands per scope and language', async () => {
    await api.setMyCommands([{ command: 'start', description: 'Start' }])
    await api.setMyCommands([{ command: 'complain', description: '投诉' }], { language_code: 'zh' })
    await expect(api.setMyCommands([{ command: 'Start', description: 'x' }])).rejects.toMatchObject({
      description: 'Bad Request: BOT_COMMAND_INVALID',
    })
    expect(tg.commands()).toEqual([{ command: 'start', description: 'Start' }])
    expect(tg.commands({ languageCode: 'zh' })?.[0]?.command).toBe('complain')
    expect(await api.getMyCommands({ scope: { type: 'all_private_chats' } })).toEqual([])
    await tg.waitForCall('setMyCommands')
  })
})

describe('updates, buttons and groups (in-process grammY bot)', () => {
  let tg: FakeTelegram
  let bot: Bot
  let running: Promise<void>

  beforeEach(async () => {
    tg = await FakeTelegram.start({ botUsername: 'grid_bot' })
    bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } })
  })
  afterEach(async () => {
    if (bot.isRunning()) await bot.stop()
    await running
    await tg.stop()
  })
  const start = (): void => {
    running = bot.start()
  }

  it('presses inline buttons and records answerCallbackQuery', async () => {
    bot.command('start', (ctx) =>
      ctx.reply('Pick one', { reply_markup: new InlineKeyboard().text('Food', 'cat:food').text('Other', 'cat:other') }),
    )
    bot.callbackQuery(/^cat:(.+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: `chose ${ctx.match[1]}`, show_alert: true })
      await ctx.editMessageText(`Category: ${ctx.match[1]}`)
    })
    bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: 'unknown button' }))
    start()
    const alice = tg.user({ firstName: 'Alice' })
    await alice.send('/start')
    const menu = await alice.nextMessage()
    expect(menu.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(['Food', 'Other'])
    expect(await alice.press('Food')).toEqual({ text: 'chose food', show_alert: true })
    await alice.waitFor((m) => m.text === 'Category: food')
    expect(alice.versions(menu.message_id).map((m) => m.text)).toEqual(['Pick one', 'Category: food'])
    expect(await alice.pressData(menu.message_id, 'forged')).toEqual({ text: 'unknown button' })
    await expect(alice.press(/nonexistent/)).rejects.toThrow(/found no inline button/)
  })

  it('long-polls, confirms by offset, and redelivers after a "crash"', async () => {
    const seen: number[] = []
    bot.on('message', (ctx) => {
      seen.push(ctx.update.update_id)
    })
    start()
    const alice = tg.user({ firstName: 'Alice' })
    await alice.send('one')
    await tg.idle()
    const [first] = tg
      .calls('getUpdates', (c) => Array.isArray(c.result) && c.result.length > 0)
      .map((c) => (c.result as { update_id: number }[])[0])
    expect(first).toBeDefined()
    tg.redeliver(first as never)
    await tg.idle()
    expect(seen).toEqual([first!.update_id, first!.update_id])
  })

  it('creates forum topics and routes thread messages', async () => {
    bot.command('open', async (ctx) => {
      const topic = await ctx.api.createForumTopic(ctx.chat.id, 'Complaint #1')
      await ctx.api.sendMessage(ctx.chat.id, 'New complaint', { message_thread_id: topic.message_thread_id })
    })
    bot.on('message:text', (ctx) => ctx.reply(`thread ${ctx.msg.message_thread_id ?? 'none'}`))
    start()
    const staff = tg.user({ firstName: 'Staff' })
    const station = tg.group({ title: 'Station A', forum: true, members: [staff], botIsAdmin: true })
    await staff.sendInGroup(station, '/open')
    const topic = await station.waitForTopic('Complaint #1')
    const posted = await station.nextMessage({ threadId: topic.message_thread_id })
    expect(posted).toMatchObject({
      text: 'New complaint',
      is_topic_message: true,
      message_thread_id: topic.message_thread_id,
    })
    await staff.sendInGroup(station, 'on it', { threadId: topic.message_thread_id })
    expect((await station.nextMessage()).text).toBe(`thread ${topic.message_thread_id}`)
    const member = await bot.api.getChatMember(station.id, tg.botInfo.id)
    expect(member).toMatchObject({ status: 'administrator', can_manage_topics: true })

    const plain = tg.group({ title: 'No rights', forum: true, members: [staff] })
    await expect(bot.api.createForumTopic(plain.id, 'x')).rejects.toMatchObject({
      description: 'Bad Request: not enough rights to create a topic',
    })
    // privacy mode: a non-admin bot does not see ordinary group chatter
    await staff.sendInGroup(plain, 'just chatting')
    await tg.idle()
    expect(plain.messages()).toEqual([])
  })

  it('explains timeouts with what the bot did send', async () => {
    bot.command('start', (ctx) => ctx.reply('something else'))
    start()
    const alice = tg.user({ firstName: 'Alice' })
    await alice.send('/start')
    await expect(alice.waitForText('expected text', { timeout: 300 })).rejects.toThrow(/bot: "something else"/)
  })
})
