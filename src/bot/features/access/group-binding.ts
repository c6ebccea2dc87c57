import { Composer, InlineKeyboard } from 'grammy'
import type { BindStationGroupResult, StationChoice } from '../../../services/access/station-binding.ts'
import type { Services } from '../../../services/services.ts'
import { ACCESS_CALLBACK, bindStationData, parseBindStationData } from '../../../telegram/callback-data/access.ts'
import type { BotContext } from '../../context.ts'
import { localName, plainName } from './display.ts'
import { missingLines, readBotStanding } from './group-standing.ts'

interface Answer {
  text: string
  keyboard?: InlineKeyboard
  /** Refused for this person only (not staff, unknown station), as opposed to an outcome for the group. */
  personal: boolean
}

/** `/bind [station code]`, its station-choice buttons, and `/unbind`, in groups. */
export function groupBinding(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  const groups = composer.chatType(['group', 'supergroup'])

  async function bind(ctx: BotContext, choice: StationChoice): Promise<Answer> {
    if (!ctx.person || !ctx.chat) return { text: ctx.t('access:bind.anonymous'), personal: true }
    const result = await services.access.bindStationGroup({
      personId: ctx.person.id,
      chatId: ctx.chat.id,
      standing: await readBotStanding(ctx),
      station: choice,
    })
    if (result.status !== 'BOUND' && result.status !== 'ALREADY_BOUND')
      ctx.log.info({ status: result.status }, '/bind refused')
    return describeBinding(ctx, result)
  }

  groups.command('bind', async (ctx) => {
    const code = ctx.match.trim()
    const answer = await bind(ctx, code ? { code } : undefined)
    await ctx.reply(answer.text, { parse_mode: 'HTML', reply_markup: answer.keyboard })
  })

  groups.callbackQuery(ACCESS_CALLBACK, async (ctx) => {
    const stationId = parseBindStationData(ctx.callbackQuery.data)
    if (!stationId) {
      await ctx.answerCallbackQuery({ text: ctx.t('access:staleButton'), show_alert: true })
      return
    }
    const answer = await bind(ctx, { id: stationId })
    if (answer.personal || answer.keyboard) {
      // Refused for this presser (not staff, unknown station): the buttons stay for someone who may.
      await ctx.answerCallbackQuery({ text: stripHtml(answer.text), show_alert: true })
      return
    }
    await ctx.answerCallbackQuery({ text: ctx.t('access:bind.pressed') })
    await ctx.editMessageText(answer.text, { parse_mode: 'HTML' })
  })

  groups.command('unbind', async (ctx) => {
    if (!ctx.person) return void (await ctx.reply(ctx.t('access:bind.anonymous')))
    const result = await services.access.unbindStationGroup(ctx.person.id, ctx.chat.id)
    const station = result.status === 'NOT_BOUND' ? '' : localName(ctx.locale, result.station)
    const key = {
      UNBOUND: 'access:unbind.unbound',
      NOT_BOUND: 'access:unbind.notBound',
      NOT_STAFF: 'access:unbind.notStaff',
    }[result.status]
    await ctx.reply(ctx.t(key, { station }), { parse_mode: 'HTML' })
  })

  composer.chatType('private').command(['bind', 'unbind'], async (ctx) => {
    await ctx.reply(ctx.t('access:bind.groupOnly'))
  })
  // Any other `a:` press (outside a group, or data this feature never made): stale or forged, nothing changes.
  composer.callbackQuery(ACCESS_CALLBACK, async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('access:staleButton'), show_alert: true })
  })
  return composer
}

function describeBinding(ctx: BotContext, result: BindStationGroupResult): Answer {
  const t = ctx.t
  switch (result.status) {
    case 'BOUND': {
      const station = localName(ctx.locale, result.station)
      const forum = ctx.chat?.type === 'supergroup' && ctx.chat.is_forum === true
      const lines = [t(forum ? 'access:bind.boundForum' : 'access:bind.bound', { station })]
      if (result.replacedChatId !== null) lines.push(t('access:bind.replaced'))
      return { text: lines.join('\n'), personal: false }
    }
    case 'ALREADY_BOUND':
      return {
        text: t('access:bind.alreadyBound', { station: localName(ctx.locale, result.station) }),
        personal: false,
      }
    case 'GROUP_TAKEN':
      return { text: t('access:bind.groupTaken', { station: localName(ctx.locale, result.station) }), personal: false }
    case 'BOT_NOT_READY': {
      const header = t('access:bind.notReady.header', { station: localName(ctx.locale, result.station) })
      return {
        text: [header, ...missingLines(ctx, result.missing), '', t('access:bind.notReady.footer')].join('\n'),
        personal: false,
      }
    }
    case 'CHOOSE_STATION': {
      const keyboard = new InlineKeyboard()
      for (const station of result.stations)
        keyboard.text(plainName(ctx.locale, station), bindStationData(station.id)).row()
      return { text: t('access:bind.chooseStation'), keyboard, personal: false }
    }
    case 'NOT_STAFF':
      return { text: t('access:bind.notStaff'), personal: true }
    case 'UNKNOWN_STATION':
      return { text: t('access:bind.unknownStation'), personal: true }
  }
}

function stripHtml(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .slice(0, 200)
}
