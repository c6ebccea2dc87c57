import { Composer } from 'grammy'
import { missingGroupRequirements } from '../../../services/access/group-readiness.ts'
import type { Services } from '../../../services/services.ts'
import type { BotContext } from '../../context.ts'
import { localName } from './display.ts'
import { missingLines, standingOf } from './group-standing.ts'

/**
 * Keeps station bindings and reachability true to Telegram: the bot removed from a bound group unbinds it (with a
 * warning in the log); losing a right there is said in the group; a group upgraded to a supergroup keeps its
 * binding; a person who blocks the bot in their private chat is unreachable until they unblock it.
 * Every update passes on, so other features (delivery: blocked private chats) see it too.
 */
export function botMembership(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()

  composer.on('my_chat_member', async (ctx, next) => {
    const chat = ctx.chat
    if (chat.type === 'private') {
      // A person blocking the bot is unreachable at once; unblocking it, they get the notices they missed.
      const status = ctx.myChatMember.new_chat_member.status
      if (status === 'kicked' || status === 'left') await services.people.markBlocked(chat.id)
      else if (ctx.person) {
        const resent = await services.noticeResends.resendTo(ctx.person.id)
        if (resent > 0) ctx.log.info({ personId: ctx.person.id, resent }, 'notices sent again after an unblock')
      }
    }
    if (chat.type === 'group' || chat.type === 'supergroup') {
      const member = ctx.myChatMember.new_chat_member
      if (member.status === 'left' || member.status === 'kicked') {
        await services.access.forgetGroup(chat.id, ctx.myChatMember.from.id)
      } else {
        const bound = await services.access.boundGroup(chat.id)
        const missing = missingGroupRequirements(standingOf(member, ctx))
        if (bound && missing.length > 0) {
          ctx.log.warn({ stationCode: bound.station.code, missing }, 'bot lost rights in a station group')
          const header = ctx.t('access:bind.lostRights', { station: localName(ctx.locale, bound.station) })
          await ctx.api.sendMessage(chat.id, [header, ...missingLines(ctx, missing)].join('\n'), { parse_mode: 'HTML' })
        }
      }
    }
    await next()
  })

  composer.on('message:migrate_to_chat_id', async (ctx, next) => {
    await services.access.moveGroup(ctx.chat.id, ctx.message.migrate_to_chat_id, ctx.from?.id ?? ctx.chat.id)
    await next()
  })

  return composer
}
