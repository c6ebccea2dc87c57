import { describe, expect, it } from 'vitest'
import { callsOf, inlineButtons, inProcessBotPerFile } from '../../support/in-process-bot.ts'

const { bot, app } = inProcessBotPerFile()

const answers = (calls: Parameters<typeof callsOf>[0]) => callsOf(calls, 'answerCallbackQuery')

describe('middleware order, in process', () => {
  it('speaks the user’s language before the lane answers: an English client gets an English menu', async () => {
    const [zh] = (await bot().user({ languageCode: 'zh-hans' }).send('/start')).filter(
      (c) => c.method === 'sendMessage',
    )
    const [en] = (await bot().user({ languageCode: 'en' }).send('/start')).filter((c) => c.method === 'sendMessage')
    expect(String(zh?.payload.text)).toMatch(/\p{Script=Han}/u)
    expect(String(en?.payload.text)).not.toMatch(/\p{Script=Han}{4}/u)
    expect(inlineButtons(en).map((button) => button.callback_data)).toEqual(
      inlineButtons(zh).map((b) => b.callback_data),
    )
  })
})

describe('callback data, in process', () => {
  it('keeps every button of the menu and the first question within Telegram’s 64 bytes', async () => {
    const user = bot().user()
    await user.send('/start')
    const menu = inlineButtons(user.lastMessage())
    await user.press(menu[0]!.callback_data!)
    for (const button of [...menu, ...inlineButtons(user.lastMessage())]) {
      expect(Buffer.byteLength(button.callback_data ?? '', 'utf8'), button.text).toBeLessThanOrEqual(64)
    }
  })

  it.each([
    ['a form button of a form that does not exist', 'f:zzzzzz:bn:ok'],
    ['a form button with an unknown step', 'f:zzzzzz:??:ok'],
    ['a menu button that was never offered', 'm:nope'],
    ['data of no feature at all', 'zz:1:2:3'],
  ])('answers %s once, and changes nothing', async (_name, data) => {
    const user = bot().user()
    await user.send('/start')
    const calls = await user.press(data)
    expect(answers(calls)).toHaveLength(1)
    expect(await app().database.db.complaint.count({ where: { consumer: { telegramId: BigInt(user.info.id) } } })).toBe(
      0,
    )
  })
})
