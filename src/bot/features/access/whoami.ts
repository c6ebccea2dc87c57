import { Composer } from 'grammy'
import type { PersonOverview } from '../../../services/access/whoami.ts'
import type { Services } from '../../../services/services.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { gridList, localName } from './display.ts'

/** `/whoami`: the sender's roles, stations and grids; in a group also the station the group serves. */
export function whoami(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.command('whoami', async (ctx) => {
    const overview = ctx.person ? await services.access.describePerson(ctx.person.id) : null
    const lines = overview ? describePerson(ctx, overview) : [ctx.t('access:bind.anonymous')]
    if (ctx.chat.type === 'group' || ctx.chat.type === 'supergroup') {
      const bound = await services.access.boundGroup(ctx.chat.id)
      const station = bound ? localName(ctx.locale, bound.station) : ''
      const key = !bound
        ? 'access:whoami.groupUnbound'
        : bound.isForum
          ? 'access:whoami.groupBoundForum'
          : 'access:whoami.groupBound'
      lines.push('', ctx.t(key, { station }))
    }
    await ctx.reply(lines.join('\n'), { parse_mode: 'HTML' })
  })
  return composer
}

function describePerson(ctx: BotContext, person: PersonOverview): string[] {
  const t = ctx.t
  const lines = [t('access:whoami.title'), t('access:whoami.name', { name: escapeHtml(person.displayName) })]
  if (person.username) lines.push(t('access:whoami.username', { username: escapeHtml(person.username) }))
  lines.push(t('access:whoami.telegramId', { id: person.telegramId.toString() }), '', t('access:whoami.rolesHeader'))
  for (const { role, station, grids } of person.roles) {
    lines.push(
      t('access:whoami.role', {
        role: t(`access:roles.${role}`),
        station: localName(ctx.locale, station),
        code: escapeHtml(station.code),
      }),
    )
    if (grids.length > 0) lines.push(t('access:whoami.grids', { grids: gridList(ctx.locale, grids) }))
  }
  lines.push(t('access:whoami.consumer'))
  return lines
}
