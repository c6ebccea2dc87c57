// Shared by the intake end-to-end tests: the bot with the demo region, and a consumer's moves.
import type { Message } from 'grammy/types'
import { seedDemoRegion } from '../../../prisma/seed.ts'
import { findInlineButton, type TestUser } from '../../../src/simulator/bot-api/index.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'

/** The bot in this process, with the 眉山 demo region; generous rate limit, the tests type fast. */
export async function startIntakeBot(env: Record<string, string> = {}): Promise<RuntimeInProcess> {
  const harness = await startRuntimeInProcess({ env: { RATE_LIMIT_PER_MINUTE: '10000', ...env } })
  const seeded = await seedDemoRegion(harness.app.database.db)
  if (!seeded.ok) throw new Error('the demo region did not import')
  return harness
}

const textOf = (message: Message): string => message.text ?? message.caption ?? ''

/** The next bot message whose text matches, skipping the ones before it. */
export async function replyMatching(user: TestUser, pattern: RegExp | string, timeout = 10_000): Promise<Message> {
  const deadline = Date.now() + timeout
  for (;;) {
    const message = await user.nextMessage({ timeout: Math.max(1, deadline - Date.now()) })
    const text = textOf(message)
    if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return message
  }
}

/** Waits until a bot message shows the button (pickers edit their message in place). */
export async function buttonShown(user: TestUser, label: string | RegExp): Promise<Message> {
  return user.waitFor((m) => findInlineButton(m, label) !== undefined, {
    timeout: 10_000,
    description: `a message with the button ${String(label)}`,
  })
}

/** Presses a button of the latest message showing it, as soon as there is one. */
export async function pressWhenShown(user: TestUser, label: string | RegExp): Promise<void> {
  await buttonShown(user, label)
  await user.press(label)
}

/** Labels of the zh-CN locale, as the tests press them. */
export const zh = {
  complaint: '📝 投诉',
  report: '🚨 举报',
  inquiry: '❓ 咨询',
  skip: '⏭ 跳过',
  back: '⬅️ 返回',
  cancel: '✖️ 取消',
  done: '✅ 完成',
  noEvidence: '没有证据',
  confirm: '✅ 确认提交',
}

/** Labels of the en locale. */
export const en = {
  complaint: '📝 File a complaint',
  report: '🚨 Report a violation',
  inquiry: '❓ Ask a question',
  skip: '⏭ Skip',
  back: '⬅️ Back',
  cancel: '✖️ Cancel',
  done: '✅ Done',
  noEvidence: 'No evidence',
  confirm: '✅ Confirm and submit',
}

/** Answers a zh-CN complaint up to the review card, with the standard answers. */
export async function answerComplaintZh(user: TestUser, options: { evidence?: boolean } = {}): Promise<Message> {
  await user.send('/start')
  await replyMatching(user, '请选择')
  await pressWhenShown(user, zh.complaint)
  await replyMatching(user, '商家叫什么名字')
  await user.send('好又多超市')
  await replyMatching(user, '商家在哪里')
  await pressWhenShown(user, '东坡区')
  await pressWhenShown(user, '通惠街道')
  await pressWhenShown(user, '诗书社区')
  await pressWhenShown(user, '诗书社区第2网格')
  await replyMatching(user, '商家位置：东坡区 › 通惠街道 › 诗书社区 › 诗书社区第2网格')
  await replyMatching(user, '详细地址')
  await user.send('东坡区诗书路1号')
  await replyMatching(user, '请先选择大类')
  await pressWhenShown(user, '商品')
  await pressWhenShown(user, '食品')
  await pressWhenShown(user, '预包装食品')
  await answerDailyLifeUseZh(user)
  await replyMatching(user, '哪一天')
  await user.send('2026-11-20')
  await replyMatching(user, '涉及金额')
  await user.send('¥120.50')
  await replyMatching(user, '事情经过')
  await user.send('买到的牛奶已经过期了三天，商家拒绝退货。')
  await replyMatching(user, '希望商家怎么做')
  await pressWhenShown(user, '退还货款和服务费用')
  await buttonShown(user, '✅ 退还货款和服务费用')
  await pressWhenShown(user, '赔偿损失')
  await pressWhenShown(user, zh.done)
  await replyMatching(user, '证据')
  if (options.evidence) {
    await user.sendPhoto(200_000)
    await replyMatching(user, '已收到 1/9')
    await pressWhenShown(user, zh.done)
  } else {
    await pressWhenShown(user, zh.noEvidence)
  }
  await answerIdentityZh(user, { mailingAddress: true })
  return replyMatching(user, '请核对您的投诉')
}

/** A valid 居民身份证 number (its check digit is right) of the standard answers. */
export const ID_NUMBER = '511402199001011235'

/** Confirms a complaint's purchase was for daily-life use (生活消费). */
export async function answerDailyLifeUseZh(user: TestUser): Promise<void> {
  await replyMatching(user, '生活消费')
  await pressWhenShown(user, '✅ 是，为生活消费')
}

/** The complainant's (or named reporter's) identity, with the standard answers: name, phone, [address,] ID. */
export async function answerIdentityZh(user: TestUser, options: { mailingAddress: boolean }): Promise<void> {
  await replyMatching(user, '真实姓名')
  await user.send('王小明')
  await replyMatching(user, '联系电话')
  await user.send('13812345678')
  if (options.mailingAddress) {
    await replyMatching(user, '通讯地址')
    await user.send('东坡区苏祠路8号2单元301')
  }
  await replyMatching(user, '身份证件类型')
  await pressWhenShown(user, '居民身份证')
  await replyMatching(user, '请输入您的居民身份证号码')
  await user.send(ID_NUMBER)
}
