import { describe, expect, it } from 'vitest'
import { callsOf, inlineButtons, inProcessBotPerFile } from '../../support/in-process-bot.ts'

const { bot } = inProcessBotPerFile()

const sent = (calls: Parameters<typeof callsOf>[0]) => callsOf(calls, 'sendMessage')

describe('the intake lane, in process', () => {
  it('answers a bare /start with the main menu and its buttons', async () => {
    const calls = await bot().user().send('/start')
    const [menu] = sent(calls)
    expect(menu, JSON.stringify(calls)).toBeDefined()
    const buttons = inlineButtons(menu)
    expect(buttons.length).toBeGreaterThanOrEqual(3)
    expect(buttons.filter((button) => button.callback_data?.startsWith('m:')).length).toBeGreaterThanOrEqual(3)
  })

  it('starts a form from a menu button, answering the button press exactly once', async () => {
    const user = bot().user()
    await user.send('/start')
    const first = inlineButtons(user.lastMessage())[0]!
    const calls = await user.press(first.callback_data!)
    expect(callsOf(calls, 'answerCallbackQuery')).toHaveLength(1)
    const question = calls.find((call) => call.method === 'sendMessage' || call.method === 'editMessageText')
    expect(question?.payload.text).toEqual(expect.any(String))
  })

  it('takes the next private message of an open form as its answer, not as an unknown message', async () => {
    const user = bot().user()
    await user.send('/start')
    await user.press(inlineButtons(user.lastMessage())[0]!.callback_data!)
    const before = user.lastMessage()?.text
    const calls = await user.send('好又多超市')
    const reply = sent(calls).at(-1) ?? calls.find((call) => call.method === 'editMessageText')
    expect(reply?.payload.text).toEqual(expect.any(String))
    expect(reply?.payload.text).not.toBe(before)
    const unknown = await bot().user().send('好又多超市')
    expect(sent(unknown)[0]?.payload.text).not.toBe(reply?.payload.text)
  })
})
