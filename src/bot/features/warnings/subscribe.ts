// /subscribe, /subscriptions and the buttons of subscriptions (`ws:`) and of a warning's unsubscribe (`wu:`).
import { Composer, InlineKeyboard } from 'grammy'
import type { CategoryKind } from '../../../domain/intake/categories.ts'
import type { Services } from '../../../services/services.ts'
import type { Subscription } from '../../../services/warnings/subscriptions.ts'
import {
  subscriptionCallback,
  subscriptionData,
  unsubscribeCallback,
} from '../../../telegram/callback-data/warnings.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { areaName, areaPickerKeyboard } from '../../pickers/area-picker-keyboard.ts'
import { categoryPickerKeyboard } from '../../pickers/category-picker-keyboard.ts'

const HTML = { parse_mode: 'HTML' } as const

/** `东坡区 › 通惠街道`. */
export async function areaLabel(ctx: BotContext, services: Services, code: string): Promise<string> {
  const path = await services.intake.areas.path(code)
  return path.length > 0 ? path.map((area) => areaName(ctx, area)).join(' › ') : code
}

function topicsLabel(ctx: BotContext, subscription: Subscription): string {
  return subscription.categories.length === 0
    ? ctx.t('warnings:subscribe.allTopics')
    : subscription.categories.map((code) => ctx.t(`categories:${code}`)).join('、')
}

/** The first screen of /subscribe: the region's districts. */
async function areaScreen(ctx: BotContext, services: Services, parentCode?: string, page = 0) {
  const { keyboard, list } = await areaPickerKeyboard(
    ctx,
    services.intake.areas,
    { open: (code, p) => subscriptionData('d', code, p), choose: (code) => subscriptionData('a', code) },
    { wholeLabel: (parent) => ctx.t('warnings:subscribe.whole', { area: areaName(ctx, parent) }) },
    parentCode,
    page,
  )
  const where = list.parent ? `\n📍 ${escapeHtml(await areaLabel(ctx, services, list.parent.code))}` : ''
  return { text: `${ctx.t('warnings:subscribe.pickArea')}${where}`, keyboard }
}

/** A subscription with what may be done to it: limit to topics, back to every topic, done. */
async function subscriptionScreen(ctx: BotContext, services: Services, subscription: Subscription, heading: string) {
  const keyboard = new InlineKeyboard()
    .text(ctx.t('warnings:subscribe.addTopic'), subscriptionData('t', subscription.id))
    .row()
  if (subscription.categories.length > 0)
    keyboard.text(ctx.t('warnings:subscribe.everyTopic'), subscriptionData('all', subscription.id)).row()
  keyboard.text(ctx.t('warnings:subscribe.done'), subscriptionData('ok'))
  const text = ctx.t(heading, {
    area: escapeHtml(await areaLabel(ctx, services, subscription.areaCode)),
    topics: escapeHtml(topicsLabel(ctx, subscription)),
  })
  return { text, keyboard }
}

async function show(ctx: BotContext, screen: { text: string; keyboard: InlineKeyboard }): Promise<void> {
  if (ctx.callbackQuery?.message)
    await ctx.editMessageText(screen.text, { ...HTML, reply_markup: screen.keyboard }).catch(() => undefined)
  else await ctx.reply(screen.text, { ...HTML, reply_markup: screen.keyboard })
}

/** The person's subscriptions, each with a remove button. */
async function listScreen(ctx: BotContext, services: Services, personId: number) {
  const subscriptions = await services.warnings.subscriptions.list(personId)
  const keyboard = new InlineKeyboard()
  if (subscriptions.length === 0) {
    keyboard.text(ctx.t('warnings:subscribe.start'), subscriptionData('s'))
    return { text: ctx.t('warnings:subscriptions.none'), keyboard }
  }
  const lines = [ctx.t('warnings:subscriptions.title')]
  for (const [index, subscription] of subscriptions.entries()) {
    const area = await areaLabel(ctx, services, subscription.areaCode)
    lines.push(`${index + 1}. ${escapeHtml(area)}（${escapeHtml(topicsLabel(ctx, subscription))}）`)
    keyboard
      .text(ctx.t('warnings:subscriptions.remove', { n: index + 1 }), subscriptionData('x', subscription.id))
      .row()
  }
  keyboard.text(ctx.t('warnings:subscribe.start'), subscriptionData('s'))
  return { text: lines.join('\n'), keyboard }
}

/** Opens the area picker of /subscribe (also the menu's button). */
export async function startSubscribing(ctx: BotContext, services: Services): Promise<void> {
  await show(ctx, await areaScreen(ctx, services))
}

export function subscriptions(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const chats = composer.chatType('private')
  const subs = services.warnings.subscriptions
  chats.command('subscribe', (ctx) => startSubscribing(ctx, services))
  chats.command('subscriptions', async (ctx) => {
    if (ctx.person) await show(ctx, await listScreen(ctx, services, ctx.person.id))
  })

  chats.callbackQuery(subscriptionCallback.filter, async (ctx) => {
    const button = subscriptionCallback.decode(ctx.callbackQuery.data)
    const person = ctx.person
    if (!button || !person)
      return void (await ctx.answerCallbackQuery({ text: ctx.t('warnings:stale'), show_alert: true }))
    const [first = '', second = '', third = ''] = button.args
    const mine = async (id: string) => subs.get(person.id, Number(id))
    const stale = () => ctx.answerCallbackQuery({ text: ctx.t('warnings:subscriptions.gone'), show_alert: true })
    switch (button.action) {
      case 's':
        await startSubscribing(ctx, services)
        break
      case 'd':
        await show(ctx, await areaScreen(ctx, services, first === '' ? undefined : first, Number(second) || 0))
        break
      case 'a': {
        const result = await subs.subscribe(person.id, first, ctx.locale)
        if (result.status === 'unknown-area') return void (await stale())
        const heading = result.status === 'already' ? 'warnings:subscribe.already' : 'warnings:subscribe.subscribed'
        await show(ctx, await subscriptionScreen(ctx, services, result.subscription, heading))
        break
      }
      case 't': {
        // ws:t:<id>[:k|g|c:<code>[:<page>]]: the topic picker of a subscription, then the topic chosen.
        const subscription = await mine(first)
        if (!subscription) return void (await stale())
        if (second === 'c') {
          const changed = await subs.addTopic(person.id, subscription.id, third)
          if (!changed) return void (await stale())
          await show(ctx, await subscriptionScreen(ctx, services, changed, 'warnings:subscribe.subscribed'))
          break
        }
        const id = subscription.id
        const level =
          second === 'k'
            ? { kind: third as CategoryKind, page: Number(button.args[3] ?? 0) || 0 }
            : second === 'g'
              ? { group: third }
              : {}
        const { title, keyboard } = categoryPickerKeyboard(
          ctx,
          {
            top: () => subscriptionData('t', id),
            kind: (kind, page) => subscriptionData('t', id, 'k', kind, page),
            group: (code) => subscriptionData('t', id, 'g', code),
            leaf: (code) => subscriptionData('t', id, 'c', code),
          },
          level,
        )
        await show(ctx, { text: `${ctx.t('warnings:subscribe.pickTopic')}\n${title}`, keyboard })
        break
      }
      case 'all': {
        const changed = await subs.clearTopics(person.id, Number(first))
        if (!changed) return void (await stale())
        await show(ctx, await subscriptionScreen(ctx, services, changed, 'warnings:subscribe.subscribed'))
        break
      }
      case 'x': {
        const removed = await subs.remove(person.id, Number(first))
        if (!removed) return void (await stale())
        await show(ctx, await listScreen(ctx, services, person.id))
        break
      }
      case 'ok':
        await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined)
        await ctx.reply(ctx.t('warnings:subscribe.finished'), HTML)
        break
      default:
        return void (await stale())
    }
    await ctx.answerCallbackQuery().catch(() => undefined)
  })

  // A warning's "unsubscribe from this area": only the recipient's own subscription, whatever the data says.
  composer.callbackQuery(unsubscribeCallback.filter, async (ctx) => {
    const button = unsubscribeCallback.decode(ctx.callbackQuery.data)
    const removed = button && ctx.person ? await subs.remove(ctx.person.id, button.subscriptionId) : undefined
    if (!removed) {
      await ctx.answerCallbackQuery({ text: ctx.t('warnings:unsubscribe.gone'), show_alert: true })
      return
    }
    const area = await areaLabel(ctx, services, removed.areaCode)
    await ctx.answerCallbackQuery({ text: ctx.t('warnings:unsubscribe.done', { area }), show_alert: true })
    await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined)
  })
  return composer
}
