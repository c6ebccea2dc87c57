/**
 * Files between users and the bot as the Bot API handles them: what a user's voice, sticker, photo or document
 * carries, getFile and downloads (Telegram's paths, the 20 MB limit, the token), what the bot may send by upload,
 * URL or file_id; and the user-side acts the bot reacts to (edits, replies, keyboard taps).
 */
import { Api, InputFile, Keyboard } from 'grammy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FakeTelegram, generateBytes, MAX_DOWNLOAD_BYTES, type TestUser } from '../../src/simulator/bot-api/index.ts'

let tg: FakeTelegram
let api: Api
let consumer: TestUser

beforeAll(async () => {
  tg = await FakeTelegram.start()
  api = new Api(tg.token, { apiRoot: tg.apiRoot })
  consumer = tg.user({ firstName: '王小明', languageCode: 'zh-hans', startedBot: true })
})
afterAll(async () => {
  await tg.stop()
})

const download = (path: string, token = tg.token) => fetch(`${tg.apiRoot}/file/bot${token}/${path}`)

async function rawCall(method: string, params: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${tg.apiRoot}/bot${tg.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  })
  return res.json()
}

describe('files users send', () => {
  it('describes a voice, a sticker and a photo as Telegram does, and serves them under its paths', async () => {
    const voice = (await consumer.sendVoice({ duration: 5 })).voice!
    expect(voice).toMatchObject({ duration: 5, mime_type: 'audio/ogg', file_size: 8_000 })
    const sticker = (await consumer.sendSticker({ emoji: '🙏' })).sticker!
    expect(sticker).toMatchObject({ emoji: '🙏', type: 'regular', width: 512 })
    const photo = (await consumer.sendPhoto(generateBytes(3000, 3), { caption: '收据' })).photo!
    const paths = [voice.file_id, sticker.file_id, photo.at(-1)!.file_id].map(
      async (id) => (await api.getFile(id)).file_path,
    )
    const [voicePath, stickerPath, photoPath] = await Promise.all(paths)
    expect(voicePath).toMatch(/^voice\/file_\d+\.oga$/)
    expect(stickerPath).toMatch(/^stickers\/file_\d+\.webp$/)
    expect(photoPath).toMatch(/^photos\/file_\d+\.jpg$/)
    const res = await download(photoPath!)
    expect(Buffer.from(await res.arrayBuffer())).toEqual(generateBytes(3000, 3))
    expect((await download(voicePath!)).headers.get('content-length')).toBe('8000')
  })

  it('keeps a document’s name for its path, and refuses to hand out one above 20 MB', async () => {
    const small = (await consumer.sendDocument({ fileName: '合同.docx', bytes: generateBytes(10) })).document!
    expect((await api.getFile(small.file_id)).file_path).toMatch(/^documents\/file_\d+\.docx$/)
    const big = (await consumer.sendDocument({ fileName: 'video.mp4', size: MAX_DOWNLOAD_BYTES + 1 })).document!
    expect(big.file_size).toBe(MAX_DOWNLOAD_BYTES + 1)
    await expect(api.getFile(big.file_id)).rejects.toMatchObject({ description: 'Bad Request: file is too big' })
    await expect(api.getFile('nonsense')).rejects.toMatchObject({ description: 'Bad Request: invalid file_id' })
  })

  it('serves downloads only with the bot’s token and only for files handed out', async () => {
    const doc = (await consumer.sendDocument({ fileName: 'a.txt', bytes: generateBytes(5) })).document!
    const { file_path } = await api.getFile(doc.file_id)
    expect((await download(file_path!, '1:wrong')).status).toBe(401)
    expect((await download('documents/file_999.txt')).status).toBe(404)
  })
})

describe('files the bot sends', () => {
  it('sends a voice and a sticker by upload, and a photo by URL', async () => {
    const voice = await api.sendVoice(consumer.id, new InputFile(generateBytes(50), 'v.ogg'), { duration: 2 })
    expect(voice.voice).toMatchObject({ duration: 2, mime_type: 'audio/ogg', file_size: 50 })
    const sticker = await api.sendSticker(consumer.id, new InputFile(generateBytes(60), 's.webp'), { emoji: '👍' })
    expect(sticker.sticker).toMatchObject({ emoji: '👍', file_size: 60 })
    const byUrl = await api.sendPhoto(consumer.id, 'https://12315.example/chart.png')
    expect(byUrl.photo).toHaveLength(2)
    expect(consumer.lastMessage()?.photo).toEqual(byUrl.photo)
  })

  it('re-sends a user’s file by file_id as a document, but not a photo as a document or a voice as a sticker', async () => {
    const doc = (await consumer.sendDocument({ fileName: '发票.pdf', mimeType: 'application/pdf' })).document!
    const again = await api.sendDocument(consumer.id, doc.file_id, { caption: '您的发票' })
    expect(again.document).toMatchObject({ file_id: doc.file_id, file_name: '发票.pdf', mime_type: 'application/pdf' })
    const photo = (await consumer.sendPhoto(100)).photo!.at(-1)!
    const voice = (await consumer.sendVoice()).voice!
    const mismatch = { description: 'Bad Request: type of file mismatch' }
    await expect(api.sendDocument(consumer.id, photo.file_id)).rejects.toMatchObject(mismatch)
    await expect(api.sendSticker(consumer.id, voice.file_id)).rejects.toMatchObject(mismatch)
  })

  it('refuses a request without the file, an attachment that is not there, and a caption too long', async () => {
    expect(await rawCall('sendDocument', { chat_id: consumer.id })).toMatchObject({
      description: 'Bad Request: there is no document in the request',
    })
    expect(await rawCall('sendDocument', { chat_id: consumer.id, document: 'attach://report' })).toMatchObject({
      description: 'Bad Request: file attach://report not found',
    })
    await expect(
      api.sendPhoto(consumer.id, new InputFile(generateBytes(10)), { caption: '图'.repeat(1025) }),
    ).rejects.toMatchObject({ description: 'Bad Request: message caption is too long' })
  })
})

describe('what users do that the bot sees', () => {
  it('passes an edit of a user’s own message to the bot, and refuses an edit of anyone else’s', async () => {
    const sent = await consumer.send('商家叫好又多')
    const edited = await consumer.editMessage(sent, '商家叫好又多超市 @grid12315_test_bot')
    expect(edited).toMatchObject({ text: '商家叫好又多超市 @grid12315_test_bot', edit_date: expect.any(Number) })
    expect(edited.entities).toEqual([{ type: 'mention', offset: 9, length: 19 }])
    expect(tg.pendingUpdates().at(-1)).toMatchObject({ edited_message: { message_id: sent.message_id } })
    const bots = await api.sendMessage(consumer.id, '请确认')
    await expect(consumer.editMessage(bots, 'x')).rejects.toThrow('王小明 can only edit their own messages')
    await expect(consumer.editMessage(999, 'x')).rejects.toThrow(/message 999 does not exist/)
  })

  it('replies to the bot, and shares a location from the keyboard button that asks for it', async () => {
    const question = await api.sendMessage(consumer.id, '挽回的经济损失是多少？')
    const answer = await consumer.reply(question, '120.50')
    expect(answer.reply_to_message).toMatchObject({ message_id: question.message_id })
    await api.sendMessage(consumer.id, '商家在哪里？', {
      reply_markup: new Keyboard().requestLocation('📍 发送位置').text('跳过'),
    })
    expect((await consumer.tap('📍 发送位置')).location).toEqual({ latitude: 31.2304, longitude: 121.4737 })
    expect((await consumer.tap(/跳过/)).text).toBe('跳过')
  })

  it('unblocks the bot when a user who blocked it writes again', async () => {
    const back = tg.user({ firstName: '回来', startedBot: true })
    back.blockBot()
    back.blockBot()
    await back.send('/start')
    await api.sendMessage(back.id, '欢迎回来')
    expect(back.lastMessage()?.text).toBe('欢迎回来')
    expect(tg.pendingUpdates().flatMap((u) => (u.my_chat_member?.chat.id === back.id ? [u] : []))).toHaveLength(2)
  })
})
