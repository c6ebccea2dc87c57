import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.ts'
import {
  createInProcessBot,
  type InProcessBot,
  inlineButtons,
  type RecordedCall,
} from '../../support/in-process-bot.ts'
import { seedAreas } from '../../support/world.ts'

let app: TestApp
let harness: InProcessBot
beforeAll(async () => {
  app = await createTestApp()
  await seedAreas(app.database.db)
  harness = await createInProcessBot(app)
})
afterAll(async () => {
  await app.close()
})

const sent = (calls: RecordedCall[]) => calls.filter((call) => call.method === 'sendMessage')

describe('the intake lane, in process', () => {
  it('answers a bare /start with the main menu and its buttons', async () => {
    const calls = await harness.user().send('/start')
    const [menu] = sent(calls)
    expect(menu, JSON.stringify(calls)).toBeDefined()
    const buttons = inlineButtons(menu)
    expect(buttons.length).toBeGreaterThanOrEqual(3)
    expect(buttons.filter((button) => button.callback_data?.startsWith('m:')).length).toBeGreaterThanOrEqual(3)
  })

  it('starts a form from a menu button, answering the button press exactly once', async () => {
    const user = harness.user()
    await user.send('/start')
    const first = inlineButtons(user.lastMessage())[0]!
    const calls = await user.press(first.callback_data!)
    expect(calls.filter((call) => call.method === 'answerCallbackQuery')).toHaveLength(1)
    const question = calls.find((call) => call.method === 'sendMessage' || call.method === 'editMessageText')
    expect(question?.payload.text).toEqual(expect.any(String))
  })

  it('takes the next private message of an open form as its answer, not as an unknown message', async () => {
    const user = harness.user()
    await user.send('/start')
    await user.press(inlineButtons(user.lastMessage())[0]!.callback_data!)
    const before = user.lastMessage()?.text
    const calls = await user.send('好又多超市')
    const reply = sent(calls).at(-1) ?? calls.find((call) => call.method === 'editMessageText')
    expect(reply?.payload.text).toEqual(expect.any(String))
    expect(reply?.payload.text).not.toBe(before)
    const unknown = await harness.user().send('好又多超市')
    expect(sent(unknown)[0]?.payload.text).not.toBe(reply?.payload.text)
  })
})
