// The main menu (/start) and starting or resuming a form from it.
import { randomUUID } from 'node:crypto'
import { Composer, InlineKeyboard } from 'grammy'
import type { FormKind } from '../../../domain/intake-form/draft.ts'
import { type FollowedUpBusiness, startFollowUpComplaint, startForm } from '../../../domain/intake-form/form-state.ts'
import { menuCallback, menuData } from '../../../telegram/callback-data/menu.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { activeForm } from './form-actions.ts'
import { consumerId, HTML, type IntakeDeps, saveForm } from './form-context.ts'
import { menuKeyboard } from './menu-keyboard.ts'
import { askStep } from './prompts.ts'

/** Greets the consumer with the main menu, offering to continue an unfinished form. */
export async function showMenu(ctx: BotContext, deps: IntakeDeps): Promise<void> {
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'reported') return
  const unfinished = loaded.status === 'active' ? loaded.form : undefined
  const text = ctx.t('intake:menu.welcome', { name: escapeHtml(ctx.from?.first_name ?? '') })
  await ctx.reply(text, { ...HTML, reply_markup: menuKeyboard(ctx, unfinished) })
}

/**
 * Starting or resuming a form ends whatever ticket input the consumer left pending (a rating comment, added
 * information): their next message answers the form, and is never taken for that input.
 */
async function dropPendingInput(ctx: BotContext, deps: IntakeDeps): Promise<void> {
  const chatId = ctx.chat?.id
  if (chatId === undefined) return
  const pending = deps.services.tickets.pendingInputs
  const cache = ctx.reads?.cache
  if (cache && pending.isAbsentIn(cache, chatId, consumerId(ctx))) return
  await pending.clear(chatId, consumerId(ctx), cache)
}

async function beginForm(ctx: BotContext, deps: IntakeDeps, kind: FormKind): Promise<void> {
  await dropPendingInput(ctx, deps)
  const form = startForm(kind, randomUUID())
  await saveForm(ctx, deps, form, { started: true })
  await askStep(ctx, deps, form, { notice: ctx.t(`intake:intro.${kind}`) })
}

/**
 * A new complaint about the same business as a closed one (from /my), linked to it; an unfinished form is never
 * overwritten: the consumer is asked to finish or cancel it first.
 */
export async function beginFollowUpComplaint(
  ctx: BotContext,
  deps: IntakeDeps,
  previous: FollowedUpBusiness,
): Promise<void> {
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'reported') return
  if (loaded.status === 'active') {
    const keyboard = new InlineKeyboard().text(ctx.t(`intake:menu.resume.${loaded.form.kind}`), menuData.resume)
    await ctx.reply(ctx.t('tickets:my.fileAgainUnfinished'), { ...HTML, reply_markup: keyboard })
    return
  }
  await dropPendingInput(ctx, deps)
  const form = startFollowUpComplaint(randomUUID(), previous)
  await saveForm(ctx, deps, form, { started: true })
  await askStep(ctx, deps, form, {
    notice: ctx.t('tickets:my.fileAgainIntro', { business: escapeHtml(previous.respondentName) }),
  })
}

/** A menu button to file something: starts a form, unless another one is unfinished (then asks). */
async function chooseKind(ctx: BotContext, deps: IntakeDeps, kind: FormKind): Promise<void> {
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'reported') return
  if (loaded.status === 'active') {
    const keyboard = new InlineKeyboard()
      .text(ctx.t(`intake:menu.resume.${loaded.form.kind}`), menuData.resume)
      .row()
      .text(ctx.t('intake:menu.startAnew'), menuData.startAnew(kind))
    await ctx.reply(ctx.t(`intake:menu.unfinished.${loaded.form.kind}`), { ...HTML, reply_markup: keyboard })
    return
  }
  await beginForm(ctx, deps, kind)
}

async function resumeForm(ctx: BotContext, deps: IntakeDeps): Promise<void> {
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'reported') return
  if (loaded.status === 'active') {
    await dropPendingInput(ctx, deps)
    return askStep(ctx, deps, loaded.form)
  }
  await ctx.reply(ctx.t('intake:menu.nothingToResume'), { ...HTML, reply_markup: menuKeyboard(ctx, undefined) })
}

/** A press of a main-menu button (`m:` data) in a private chat; help and language are not the menu's and pass on. */
export async function pressMenuButton(ctx: BotContext, deps: IntakeDeps, next: () => Promise<void>): Promise<void> {
  const button = menuCallback.decode(ctx.callbackQuery?.data)
  if (button?.type === 'menu') return showMenu(ctx, deps)
  if (button?.type === 'resume') return resumeForm(ctx, deps)
  if (button?.type !== 'start') return next()
  return button.anew ? beginForm(ctx, deps, button.kind) : chooseKind(ctx, deps, button.kind)
}

/** /start and the menu buttons (reached through the intake lane first; see intake-lane.ts). */
export function mainMenu(deps: IntakeDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const chats = composer.chatType('private')
  chats.command('start', (ctx) => showMenu(ctx, deps))
  chats.callbackQuery(/^m:/, (ctx, next) => pressMenuButton(ctx, deps, next))
  return composer
}
