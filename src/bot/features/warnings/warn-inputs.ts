// The answers a draft's author types or sends: a text (zh-CN or English) or a photo or document.
import { Composer } from 'grammy'
import { MAX_WARNING_TEXT } from '../../../domain/warnings/warning-text.ts'
import type { Services } from '../../../services/services.ts'
import type { BotContext } from '../../context.ts'
import { draftCard } from './warn-composer.ts'

const HTML = { parse_mode: 'HTML' } as const

export function warnInputs(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const inputs = services.tickets.pendingInputs
  const drafts = services.warnings.drafts
  composer.chatType('private').on('message', async (ctx, next) => {
    const person = ctx.person
    if (!person) return next()
    const pending = await inputs.get(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
    if (pending?.type !== 'warning-input') return next()
    const text = ctx.msg.text?.trim() ?? ''
    const backToCard = async () => {
      await inputs.clear(ctx.chat.id, ctx.from.id, ctx.reads?.cache)
      const draft = await drafts.draft(person.id, pending.warningId)
      if (!draft) return void (await ctx.reply(ctx.t('warnings:draft.gone'), HTML))
      const card = await draftCard(ctx, services, draft)
      await ctx.reply(card.text, { ...HTML, reply_markup: card.keyboard })
    }
    if (/^\/cancel(@\w+)?$/i.test(text)) return backToCard()
    if (text.startsWith('/')) return next()
    if (pending.field === 'file') {
      const photo = ctx.msg.photo?.at(-1)
      const document = ctx.msg.document
      const file = photo
        ? { kind: 'PHOTO' as const, fileId: photo.file_id }
        : document
          ? { kind: 'DOCUMENT' as const, fileId: document.file_id }
          : undefined
      if (!file) return void (await ctx.reply(ctx.t('warnings:input.notAFile'), HTML))
      if (!(await drafts.setAttachment(person.id, pending.warningId, file)))
        return void (await ctx.reply(ctx.t('warnings:draft.gone'), HTML))
      return backToCard()
    }
    if (ctx.msg.text === undefined) return void (await ctx.reply(ctx.t('warnings:input.notText'), HTML))
    const result = await drafts.setText(person.id, pending.warningId, pending.field === 'en' ? 'en' : 'zh-CN', text)
    if (result.status === 'no-draft') return void (await ctx.reply(ctx.t('warnings:draft.gone'), HTML))
    if (result.status === 'invalid')
      return void (await ctx.reply(
        ctx.t(`warnings:input.${result.reason === 'EMPTY' ? 'empty' : 'tooLong'}`, {
          max: MAX_WARNING_TEXT,
          length: result.length,
        }),
        HTML,
      ))
    return backToCard()
  })
  return composer
}
