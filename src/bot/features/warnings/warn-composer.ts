// /warn: composing a warning on a draft card, choosing its areas and topic, previewing its reach, confirming it.
import { Composer, InlineKeyboard } from 'grammy'
import type { CategoryKind } from '../../../domain/intake/categories.ts'
import { MAX_WARNING_TEXT } from '../../../domain/warnings/warning-text.ts'
import type { AreaChoice } from '../../../services/intake/area-picker.ts'
import type { Services } from '../../../services/services.ts'
import type { WarningDraft, WarningPrefill } from '../../../services/warnings/warning-drafts.ts'
import { composeCallback, composeData } from '../../../telegram/callback-data/warnings.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { broadcastControls } from '../../../telegram/render/broadcast-progress.ts'
import { renderWarning } from '../../../telegram/render/warning.ts'
import type { BotContext } from '../../context.ts'
import { areaName, areaPickerKeyboard } from '../../pickers/area-picker-keyboard.ts'
import { categoryPickerKeyboard } from '../../pickers/category-picker-keyboard.ts'
import { areaLabel } from './subscribe.ts'

const HTML = { parse_mode: 'HTML' } as const

/** The draft as its author sees it, with a button per thing to set. */
export async function draftCard(ctx: BotContext, services: Services, draft: WarningDraft) {
  const none = ctx.t('warnings:draft.none')
  const areas = await Promise.all(draft.areaCodes.map((code) => areaLabel(ctx, services, code)))
  const text = [
    ctx.t('warnings:draft.title', { id: draft.id }),
    ctx.t('warnings:draft.areas', { areas: escapeHtml(areas.join('；')) || none }),
    ctx.t('warnings:draft.category', {
      category: draft.categoryCode ? ctx.t(`categories:${draft.categoryCode}`) : ctx.t('warnings:subscribe.allTopics'),
    }),
    ctx.t('warnings:draft.zh', { text: escapeHtml(draft.textZhCn) || none }),
    ctx.t('warnings:draft.en', { text: escapeHtml(draft.textEn ?? '') || none }),
    ctx.t('warnings:draft.attachment', {
      attachment: draft.attachmentKind ? ctx.t(`warnings:draft.${draft.attachmentKind}`) : none,
    }),
  ].join('\n')
  const id = draft.id
  const keyboard = new InlineKeyboard()
    .text(ctx.t('warnings:draft.buttons.addArea'), composeData(id, 'd'))
    .text(ctx.t('warnings:draft.buttons.clearAreas'), composeData(id, 'ca'))
    .row()
    .text(ctx.t('warnings:draft.buttons.category'), composeData(id, 'kt'))
    .text(ctx.t('warnings:draft.buttons.allTopics'), composeData(id, 'kn'))
    .row()
    .text(ctx.t('warnings:draft.buttons.zh'), composeData(id, 'tz'))
    .text(ctx.t('warnings:draft.buttons.en'), composeData(id, 'te'))
    .row()
    .text(ctx.t('warnings:draft.buttons.file'), composeData(id, 'f'))
  if (draft.attachmentKind) keyboard.text(ctx.t('warnings:draft.buttons.removeFile'), composeData(id, 'fx'))
  if (draft.textEn) keyboard.text(ctx.t('warnings:draft.buttons.removeEn'), composeData(id, 'tx'))
  keyboard
    .row()
    .text(ctx.t('warnings:draft.buttons.preview'), composeData(id, 'p'))
    .text(ctx.t('warnings:draft.buttons.discard'), composeData(id, 'x'))
  return { text, keyboard }
}

/**
 * Starts the /warn composer for the person of `ctx`, prefilled (a hot-spot suggestion's area, category and draft
 * text; /warn itself passes an empty prefill). The card goes to the person's private chat with the bot. Access is
 * checked here too: someone who is neither station staff nor an admin is told so, and prefilled areas outside
 * the person's stations are left out (and named).
 */
export async function openWarningDraft(ctx: BotContext, services: Services, prefill: WarningPrefill): Promise<void> {
  const person = ctx.person
  const userId = ctx.from?.id
  if (!person || userId === undefined) return
  const opened = await services.warnings.drafts.open(person.id, prefill)
  const send = (text: string, extra: object = {}) =>
    ctx.chat?.type === 'private'
      ? ctx.reply(text, { ...HTML, ...extra })
      : ctx.api.sendMessage(userId, text, { ...HTML, ...extra })
  if (opened.status === 'not-allowed') {
    await send(ctx.t('warnings:draft.notAllowed'))
    return
  }
  await services.tickets.pendingInputs.clear(userId, userId, ctx.reads?.cache)
  if (opened.refusedAreas.length > 0)
    await send(ctx.t('warnings:draft.areasLeftOut', { areas: escapeHtml(opened.refusedAreas.join('、')) }))
  const card = await draftCard(ctx, services, opened.draft)
  await send(card.text, { reply_markup: card.keyboard })
}

async function show(ctx: BotContext, screen: { text: string; keyboard: InlineKeyboard }): Promise<void> {
  await ctx.editMessageText(screen.text, { ...HTML, reply_markup: screen.keyboard }).catch(() => undefined)
}

/** The area picker of a draft: a staff member's stations' areas at the top, the region's districts for an admin. */
async function areaScreen(
  ctx: BotContext,
  services: Services,
  personId: number,
  draftId: number,
  parentCode?: string,
  page = 0,
) {
  const authority = await services.warnings.drafts.authority(personId)
  const picker = services.intake.areas
  let roots: AreaChoice[] | undefined
  if (authority.status === 'staff')
    roots = (await Promise.all(authority.roots.map((code) => picker.area(code)))).filter((a) => a !== undefined)
  const { keyboard } = await areaPickerKeyboard(
    ctx,
    picker,
    { open: (code, p) => composeData(draftId, 'd', code, p), choose: (code) => composeData(draftId, 'A', code) },
    {
      wholeLabel: (parent) => ctx.t('warnings:subscribe.whole', { area: areaName(ctx, parent) }),
      ...(roots ? { roots } : {}),
    },
    parentCode,
    page,
  )
  keyboard.text(ctx.t('warnings:draft.buttons.back'), composeData(draftId, 'c'))
  const where = parentCode ? `\n📍 ${escapeHtml(await areaLabel(ctx, services, parentCode))}` : ''
  return { text: `${ctx.t('warnings:draft.pickArea')}${where}`, keyboard }
}

/** The preview: the message as zh-CN recipients will see it, the number of recipients, confirm or go back. */
async function preview(ctx: BotContext, services: Services, draft: WarningDraft) {
  const t = ctx.t
  const areas = await Promise.all(draft.areaCodes.map((code) => areaLabel(ctx, services, code)))
  const recipients = await services.warnings.drafts.recipients(draft)
  const message = renderWarning(t, { text: draft.textZhCn, areas })
  const keyboard = new InlineKeyboard()
    .text(t('warnings:preview.send', { count: recipients }), composeData(draft.id, 's'))
    .row()
    .text(t('warnings:draft.buttons.back'), composeData(draft.id, 'c'))
    .text(t('warnings:draft.buttons.discard'), composeData(draft.id, 'x'))
  return { text: `${t('warnings:preview.title', { count: recipients })}\n\n${message}`, keyboard }
}

/** Asks for the text of one language or the attachment; the answer arrives as a message (warn-inputs.ts). */
async function askFor(ctx: BotContext, services: Services, draftId: number, field: 'zh' | 'en' | 'file') {
  const userId = ctx.from?.id
  if (userId === undefined) return
  await services.tickets.pendingInputs.start(
    userId,
    userId,
    { type: 'warning-input', warningId: draftId, field },
    ctx.reads?.cache,
  )
  await ctx.reply(ctx.t(`warnings:input.ask.${field}`, { max: MAX_WARNING_TEXT }), HTML)
}

export function warnComposer(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const drafts = services.warnings.drafts
  composer.chatType('private').command('warn', (ctx) => openWarningDraft(ctx, services, { areaCodes: [] }))

  composer.callbackQuery(composeCallback.filter, async (ctx) => {
    const button = composeCallback.decode(ctx.callbackQuery.data)
    const person = ctx.person
    const draft = button && person ? await drafts.draft(person.id, button.warningId) : undefined
    if (!button || !person || !draft) {
      await ctx.answerCallbackQuery({ text: ctx.t('warnings:draft.gone'), show_alert: true })
      return
    }
    const refuse = () => ctx.answerCallbackQuery({ text: ctx.t('warnings:draft.areaRefused'), show_alert: true })
    const [first = '', second = ''] = button.args
    const id = draft.id
    const card = async (changed: WarningDraft | undefined) =>
      show(ctx, await draftCard(ctx, services, changed ?? draft))
    switch (button.action) {
      case 'c':
        await card(draft)
        break
      case 'd':
        // Browsing below an area is checked like choosing it: a forged code is refused, not listed.
        if (first !== '' && !(await drafts.mayTarget(person.id, first))) return void (await refuse())
        await show(
          ctx,
          await areaScreen(ctx, services, person.id, id, first === '' ? undefined : first, Number(second) || 0),
        )
        break
      case 'A': {
        const result = await drafts.addArea(person.id, id, first)
        if (result.status === 'refused') return void (await refuse())
        await card(result.status === 'added' ? result.draft : undefined)
        break
      }
      case 'ca':
        await card(await drafts.clearAreas(person.id, id))
        break
      case 'kt':
      case 'kk':
      case 'kg': {
        const level =
          button.action === 'kk'
            ? { kind: first as CategoryKind, page: Number(second) || 0 }
            : button.action === 'kg'
              ? { group: first, page: Number(second) || 0 }
              : {}
        const { title, keyboard } = categoryPickerKeyboard(
          ctx,
          {
            top: () => composeData(id, 'kt'),
            kind: (kind, page) => composeData(id, 'kk', kind, page),
            group: (code, page) => composeData(id, 'kg', code, page),
            leaf: (code) => composeData(id, 'kc', code),
          },
          level,
        )
        keyboard.row().text(ctx.t('warnings:draft.buttons.back'), composeData(id, 'c'))
        await show(ctx, { text: `${ctx.t('warnings:draft.pickTopic')}\n${title}`, keyboard })
        break
      }
      case 'kc':
        await card(await drafts.setCategory(person.id, id, first))
        break
      case 'kn':
        await card(await drafts.setCategory(person.id, id, null))
        break
      case 'tz':
      case 'te':
      case 'f':
        await askFor(ctx, services, id, button.action === 'tz' ? 'zh' : button.action === 'te' ? 'en' : 'file')
        break
      case 'tx':
        await card(await drafts.removeEnglish(person.id, id))
        break
      case 'fx':
        await card(await drafts.setAttachment(person.id, id, null))
        break
      case 'p':
        if (draft.areaCodes.length === 0 || draft.textZhCn === '') {
          const missing = draft.areaCodes.length === 0 ? 'areas' : 'text'
          return void (await ctx.answerCallbackQuery({
            text: ctx.t(`warnings:draft.missing.${missing}`),
            show_alert: true,
          }))
        }
        await show(ctx, await preview(ctx, services, draft))
        break
      case 's':
        return confirm(ctx, services, draft)
      case 'x':
        await drafts.discard(person.id, id)
        await ctx.editMessageText(ctx.t('warnings:draft.discarded'), HTML).catch(() => undefined)
        break
      default:
        return void (await ctx.answerCallbackQuery({ text: ctx.t('warnings:draft.gone'), show_alert: true }))
    }
    await ctx.answerCallbackQuery().catch(() => undefined)
  })
  return composer
}

/** Confirms the draft: the preview message becomes the broadcast's progress message, which the worker edits. */
async function confirm(ctx: BotContext, services: Services, draft: WarningDraft): Promise<void> {
  const message = ctx.callbackQuery?.message
  if (!message || !ctx.person) return
  const result = await services.warnings.drafts.confirm(ctx.person.id, draft.id, {
    chatId: message.chat.id,
    messageId: message.message_id,
  })
  if (result.status !== 'queued') {
    const key =
      result.status === 'incomplete'
        ? `warnings:draft.missing.${result.missing}`
        : result.status === 'refused'
          ? 'warnings:draft.areaRefused'
          : 'warnings:draft.gone'
    await ctx.answerCallbackQuery({ text: ctx.t(key), show_alert: true })
    return
  }
  await ctx
    .editMessageText(ctx.t('warnings:progress.queued', { id: draft.id, count: result.recipients }), {
      ...HTML,
      reply_markup: broadcastControls(ctx.t, draft.id, 'QUEUED'),
    })
    .catch(() => undefined)
  await ctx.answerCallbackQuery({ text: ctx.t('warnings:progress.confirmed', { count: result.recipients }) })
}
