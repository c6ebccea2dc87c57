import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import type { BotContext } from '../../context.ts'
import { gridList, localName } from './display.ts'

/**
 * `/start <code>` in a private chat redeems an invite. Any payload counts as an invite code: the only deep links
 * this bot hands out are invites. Writing to the bot also makes the person reachable for ticket deliveries.
 */
export function inviteRedemption(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.chatType('private').command('start', async (ctx, next) => {
    const code = ctx.match.trim()
    if (!code || !ctx.person) return next()
    const result = await services.access.redeemInvite(code, ctx.person.id)
    if (!result.ok) {
      ctx.log.info({ reason: result.reason }, 'invite refused')
      await ctx.reply(ctx.t(`access:invite.refused.${result.reason}`))
      return
    }
    const grids = result.grids.length > 0 ? gridList(ctx.locale, result.grids) : ctx.t('access:invite.noGrids')
    await ctx.reply(
      ctx.t(`access:invite.welcome.${result.role}`, { station: localName(ctx.locale, result.station), grids }),
      {
        parse_mode: 'HTML',
      },
    )
  })
  return composer
}
