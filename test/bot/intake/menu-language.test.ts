import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inlineButtons } from '../../../src/simulator/bot-api/index.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import { pressWhenShown, replyMatching, startIntakeBot, zh } from './intake-driver.ts'

let harness: RuntimeInProcess
beforeAll(async () => {
  harness = await startIntakeBot()
})
afterAll(async () => {
  await harness.close()
})

describe('the main menu', () => {
  it('greets by name in Chinese by default and offers every action', async () => {
    const user = harness.tg.user({ firstName: '<张三>', languageCode: 'fr' })
    await user.send('/start')
    const menu = await replyMatching(user, '您好，<张三>！')
    expect(
      inlineButtons(menu).map((button) => [button.text, 'callback_data' in button ? button.callback_data : '']),
    ).toEqual([
      ['📝 投诉', 'm:c'],
      ['🚨 举报', 'm:r'],
      ['❓ 咨询', 'm:i'],
      ['📂 我的投诉', 'my:list:0'],
      ['📢 消费警示订阅', 'ws:s'],
      ['ℹ️ 帮助', 'm:help'],
      ['🌐 Language / 语言', 'm:lang'],
    ])
  })

  it('explains what the bot does on /help and from the menu', async () => {
    const user = harness.tg.user({ languageCode: 'en' })
    await user.send('/help')
    await replyMatching(user, 'Community 12315 consumer-rights assistant')
    await user.send('/start')
    await pressWhenShown(user, 'ℹ️ Help')
    await replyMatching(user, 'within three years')
  })

  it('asks before replacing an unfinished form', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await pressWhenShown(user, zh.complaint)
    await replyMatching(user, '商家叫什么名字')
    await user.send('/start')
    await pressWhenShown(user, zh.inquiry)
    await replyMatching(user, '您还有一份未填完的投诉')
    await user.press('🆕 放弃它，重新开始')
    await replyMatching(user, '请写下您要咨询的问题')
  })

  it('answers /start addressed to the bot by name, and continues an unfinished form from the menu', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send(`/start@${harness.tg.botInfo.username}`)
    await pressWhenShown(user, zh.complaint)
    await replyMatching(user, '商家叫什么名字')
    await user.send('好又多超市')
    await replyMatching(user, '商家在哪里')
    await user.send('/start  ')
    await pressWhenShown(user, '▶️ 继续填写未完成的投诉')
    await replyMatching(user, '商家在哪里')
  })
})

describe('choosing the language', () => {
  it('switches to English, remembers the choice and continues an open form in it', async () => {
    const user = harness.tg.user({ languageCode: 'zh-hans' })
    await user.send('/start')
    await pressWhenShown(user, zh.complaint)
    await replyMatching(user, '商家叫什么名字')
    await user.send('/language')
    await replyMatching(user, 'Choose your language')
    await user.press('English')
    await user.waitForText('The language is now English.')
    await replyMatching(user, 'What is the name of the business?')
    const person = await harness.app.database.db.person.findUniqueOrThrow({ where: { telegramId: BigInt(user.id) } })
    expect(person.locale).toBe('en')
    await user.send('/cancel')
    await replyMatching(user, 'Your complaint was cancelled')
    await pressWhenShown(user, '🌐 Language / 语言')
    await user.press('中文')
    await user.waitForText('语言已切换为中文')
    await replyMatching(user, '请选择您要办理的事项')
  })
})
