// Bad input during a form, in both languages: each gets a clear answer in the consumer's language and changes nothing.

import type { Message } from 'grammy/types'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findInlineButton, type TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_REDIS_URL } from '../../support/redis.ts'
import type { RuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  fragmentOf,
  LANGUAGES,
  startComplaint,
  toConsumerUse,
  toDate,
  toLocation,
  toPersonName,
} from './bad-input-languages.ts'
import { pressWhenShown, replyMatching, startIntakeBot } from './intake-driver.ts'

let harness: RuntimeInProcess
let redis: Redis
beforeAll(async () => {
  harness = await startIntakeBot()
  redis = new Redis(TEST_REDIS_URL)
})
afterAll(async () => {
  redis.disconnect()
  await harness.close()
})

const forms = () => harness.app.services.intake.forms

async function formState(user: TestUser) {
  const loaded = await forms().load(user.id)
  if (loaded.status !== 'active') throw new Error(`no open form (${loaded.status})`)
  return loaded.form
}

/** Presses forged data and returns the toast with the id of its query, once the bot is done with it. */
async function pressForged(user: TestUser, message: Message, data: string) {
  const answer = await user.pressData(message.message_id, data)
  const query = harness.tg
    .callbackQueries()
    .filter((q) => q.data === data && q.userId === user.id)
    .at(-1)
  await harness.tg.idle()
  const answers = harness.tg.calls('answerCallbackQuery', (call) => call.params.callback_query_id === query?.id)
  return { answer, answerCalls: answers.length }
}

describe.each(LANGUAGES)('bad input in $locale', (lang) => {
  it('refuses a business name and an address made only of invisible characters', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await startComplaint(user, lang)
    await user.send('\u200B\u200B\u200B')
    expect((await replyMatching(user, lang.invisible)).text).toContain(lang.askName)
    await user.send('\u3164\u200C\u3164')
    await replyMatching(user, lang.invisible)
    expect((await formState(user)).step).toBe('businessName')
    await user.send('好又多超市')
    for (const area of lang.areas) await pressWhenShown(user, area)
    await replyMatching(user, lang.askAddress)
    await user.send('\u2060\uFEFF\u200B')
    expect((await replyMatching(user, lang.invisible)).text).toContain(lang.askAddress)
    expect(await formState(user)).toMatchObject({ step: 'businessAddress', draft: { respondentName: '好又多超市' } })
  })

  it('answers an area typed as a reply to the area buttons with a hint', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const picker = await toLocation(user, lang)
    await user.reply(picker, lang.areas[0])
    expect((await replyMatching(user, lang.unexpected)).text).toContain(lang.askWhere)
    expect((await formState(user)).step).toBe('location')
  })

  it('answers forged area, platform and category buttons with a toast and the question again', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const picker = await toLocation(user, lang)
    const fragment = fragmentOf(picker)
    for (const data of [`f:${fragment}:lo:a:999999`, `f:${fragment}:lo:d:999999:0`]) {
      const { answer } = await pressForged(user, picker, data)
      expect(answer).toEqual({ text: lang.unknownArea, show_alert: true })
      expect((await replyMatching(user, lang.unknownArea)).text).toContain(lang.askWhere)
    }
    for (const data of [`f:${fragment}:lo:pl:NOPE`, `f:${fragment}:lo:a:511402`, `f:${fragment}:lo:zz`]) {
      const { answer } = await pressForged(user, picker, data)
      expect(answer).toEqual({ text: lang.unknownChoice, show_alert: true })
      expect((await replyMatching(user, lang.unknownChoice)).text).toContain(lang.askWhere)
    }
    expect((await formState(user)).draft.location).toBeUndefined()
    for (const area of lang.areas) await pressWhenShown(user, area)
    await replyMatching(user, lang.askAddress)
    await user.send('东坡区诗书路1号')
    const categories = await replyMatching(user, lang.askCategory)
    for (const data of [`f:${fragment}:ca:k:NOPE:0`, `f:${fragment}:ca:g:NOPE:0`, `f:${fragment}:ca:zz`]) {
      const { answer } = await pressForged(user, categories, data)
      expect(answer).toEqual({ text: lang.unknownCategory, show_alert: true })
      expect((await replyMatching(user, lang.unknownCategory)).text).toContain(lang.askCategory)
    }
    await user.pressData(categories.message_id, `f:${fragment}:ca:c:NOPE`)
    await replyMatching(user, lang.unknownCategory)
    const form = await formState(user)
    expect(form.step).toBe('category')
    expect(form.draft.categoryCode).toBeUndefined()
  })

  it('answers unknown menu, language and form data once, with the stale-button notice', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const question = await startComplaint(user, lang)
    for (const data of ['m:zzz', 'lang:xx', 'f:zz']) {
      const { answer, answerCalls } = await pressForged(user, question, data)
      expect(answer.text).toContain(lang.staleButton)
      expect(answer.show_alert).toBe(true)
      expect(answerCalls).toBe(1)
    }
    expect((await formState(user)).step).toBe('businessName')
  })

  it('says that edits are not read, at any step and for an earlier answer, and keeps the answers', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await startComplaint(user, lang)
    const name = await user.send('好又多超市')
    await replyMatching(user, lang.askWhere)
    await user.editMessage(name, '别的商店')
    const hint = await replyMatching(user, lang.edited)
    expect(hint.text).toContain(lang.askWhere)
    expect(hint.text).toContain('✏️')
    expect((await formState(user)).draft.respondentName).toBe('好又多超市')
    await user.send('/cancel')
    await replyMatching(user, lang.menu)
    await user.editMessage(name, '再改一次')
    await replyMatching(user, lang.editedNoForm)
  })

  it('says that an edited amount is not read and keeps the amount', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    const { amount } = await toPersonName(user, lang)
    await user.editMessage(amount, '300')
    expect((await replyMatching(user, lang.edited)).text).toContain(lang.askPersonName)
    expect(await formState(user)).toMatchObject({ step: 'contactName', draft: { amountFen: 12_000 } })
  })

  it('says that tomorrow is in the future, and that an extension is too long', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toPersonName(user, lang)
    await user.send('王小明')
    await replyMatching(user, lang.askPhone)
    await user.send('028-87654321-1234567')
    expect((await replyMatching(user, lang.extension)).text).toContain(lang.askPhone)

    const other = harness.tg.user({ languageCode: lang.languageCode })
    await toDate(other, lang)
    await other.send(lang.tomorrow)
    expect((await replyMatching(other, lang.future)).text).toContain(lang.askDate)
    expect((await formState(other)).step).toBe('incidentDate')
  })

  it('takes /START as /start and answers an unknown command with the commands and the question', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await startComplaint(user, lang)
    await user.send('/foo')
    const hint = await replyMatching(user, lang.noCommand)
    expect(hint.text).toContain('/cancel')
    expect(hint.text).toContain(lang.askName)
    await user.send('/START')
    const menu = await replyMatching(user, lang.menu)
    expect(findInlineButton(menu, /▶️/)).toBeDefined()
    expect((await formState(user)).step).toBe('businessName')
  })

  it("refuses someone else's shared contact, a missing mailing address and a wrong ID check digit, and says why", async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toPersonName(user, lang)
    await user.send('王小明')
    await replyMatching(user, lang.askPhone)
    await user.shareContact('+8613900001111', { firstName: '李', lastName: '雷', userId: user.id + 1 })
    expect((await replyMatching(user, lang.notOwnContact)).text).toContain(lang.askPhone)
    expect((await formState(user)).draft.contactPhone).toBeUndefined()
    // The user's own contact: its phone only, never its name.
    await user.shareContact('+8613812345678', { firstName: '王', lastName: '老板' })
    const mailing = await replyMatching(user, lang.askMailing)
    expect(findInlineButton(mailing, lang.labels.skip)).toBeUndefined()
    await pressForged(user, mailing, `f:${fragmentOf(mailing)}:ma:skip`)
    expect((await replyMatching(user, lang.notSkippable)).text).toContain(lang.askMailing)
    await user.send('  ')
    await replyMatching(user, lang.askMailing)
    expect((await formState(user)).step).toBe('mailingAddress')
    await user.send('东坡区苏祠路8号')
    await pressWhenShown(user, lang.residentId)
    await replyMatching(user, lang.askIdNumber)
    await user.send('511402199001011234')
    expect((await replyMatching(user, lang.checkDigit)).text).toContain(lang.askIdNumber)
    expect((await formState(user)).draft.idNumber).toBeUndefined()
    await user.send('511402199001011235')
    const card = await replyMatching(user, lang.review)
    expect(card.text).toMatch(new RegExp(`\\n[^\\n]+${lang.separator}王小明`))
    expect(card.text).toContain(`${lang.idLabel}${lang.residentId} 5114**********1235`)
    expect(card.text).not.toContain('老板')
    expect(await formState(user)).toMatchObject({ draft: { contactName: '王小明', contactPhone: '+8613812345678' } })
  })

  it('explains that a purchase not for daily life is no consumer complaint and offers an inquiry instead', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toConsumerUse(user, lang)
    await user.press(lang.notForDailyLife)
    const explained = await replyMatching(user, lang.notConsumer)
    expect(findInlineButton(explained, lang.makeInquiry)).toBeDefined()
    await user.press(lang.makeInquiry)
    await replyMatching(user, lang.askQuestion)
    expect(await formState(user)).toMatchObject({
      kind: 'INQUIRY',
      step: 'question',
      draft: { categoryCode: 'FOOD_PACKAGED' },
    })
  })

  it('answers forged form data on a message without that button as an old button, not as a lost draft', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await user.send('/start')
    const menu = await replyMatching(user, lang.menu)
    const { answer } = await pressForged(user, menu, 'f:deadbeef:rv:ok')
    expect(answer).toMatchObject({ text: lang.oldForm, show_alert: true })
    await harness.tg.idle()
    expect(user.messages().some((m) => (m.text ?? '').includes(lang.lost))).toBe(false)
  })

  it('says the draft was lost when Redis lost the form, for an answer, a reply-keyboard tap and a button', async () => {
    const user = harness.tg.user({ languageCode: lang.languageCode })
    await toLocation(user, lang)
    const lose = () =>
      redis.del(`${harness.app.redisPrefix}:form:${user.id}`, `${harness.app.redisPrefix}:form-started:${user.id}`)
    await lose()
    await user.send('好又多超市的地址')
    expect((await replyMatching(user, lang.lost)).text).not.toContain(lang.askWhere)
    await replyMatching(user, lang.menu)

    // After a restart the process remembers nothing: the record of started forms tells a lost form from an old one.
    await pressWhenShown(user, lang.labels.complaint)
    await replyMatching(user, lang.askName)
    await user.send('好又多超市')
    const picker = await replyMatching(user, lang.askWhere)
    await lose()
    await harness.restartBot()
    await user.tap(lang.labels.back)
    await replyMatching(user, lang.lost)
    await replyMatching(user, lang.menu)
    const answer = await user.press(lang.labels.back, { inMessage: picker })
    expect(answer).toMatchObject({ text: expect.stringContaining(lang.lostToast), show_alert: true })
    await replyMatching(user, lang.lost)
    await replyMatching(user, lang.menu)
  })
})
