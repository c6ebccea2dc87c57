import { createInvites, INVITE_TTL_LIMITS } from '../../services/access/invites.ts'
import { resolveBotUsername } from '../bot-username.ts'
import { cliActor } from '../cli-actor.ts'
import { type AdminCommand, AdminError, requiredString } from '../command.ts'
import { formatShanghaiTime, parseDuration } from '../duration.ts'
import { parseRole } from '../roles.ts'

export const inviteCommand: AdminCommand = {
  name: 'invite',
  summary: 'create a one-time invite code (and t.me link) for a role at a station',
  usage: [
    'invite --role staff|liaison|admin --station <code> [--grid <code> ...] [--ttl 7d]',
    '  --grid   liaisons only, repeatable: a grid (e.g. 511402001001-01) in an area the station covers',
    '  --ttl    how long the code stays valid: 30m, 12h, 7d, 2w (default 7d, at most 30d)',
    "  The link needs the bot's username: BOT_USERNAME if set, else getMe with BOT_TOKEN (and TELEGRAM_API_ROOT).",
  ],
  options: {
    role: { type: 'string' },
    station: { type: 'string' },
    grid: { type: 'string', multiple: true },
    ttl: { type: 'string', default: '7d' },
  },
  async run(context, values) {
    const role = parseRole(requiredString(values, 'role'))
    const stationCode = requiredString(values, 'station')
    const gridCodes = (values.grid as string[] | undefined) ?? []
    const ttlText = String(values.ttl)
    const ttlMs = parseDuration(ttlText)
    if (ttlMs === null || ttlMs < INVITE_TTL_LIMITS.minMs || ttlMs > INVITE_TTL_LIMITS.maxMs) {
      throw new AdminError(`--ttl ${ttlText}: use a duration from 1m to 30d, such as 12h or 7d`)
    }

    const result = await createInvites({ db: context.database() }).createInvite({
      role,
      stationCode,
      gridCodes,
      ttlMs,
      by: cliActor(context.env),
    })
    if (!result.ok) {
      const grid = result.gridCode ?? ''
      const reasons: Record<typeof result.reason, string> = {
        UNKNOWN_STATION: `no station with code ${stationCode} (see: admin stations)`,
        GRIDS_ONLY_FOR_LIAISONS: '--grid is only for --role liaison',
        UNKNOWN_GRID: `no area with code ${grid}`,
        NOT_A_GRID: `${grid} is not a GRID area`,
        GRID_NOT_COVERED: `grid ${grid} is not in an area station ${stationCode} covers`,
        INVALID_TTL: `--ttl ${ttlText} is out of range`,
      }
      throw new AdminError(reasons[result.reason])
    }
    const { invite } = result
    const grids = invite.gridCodes.length > 0 ? ` for grids ${invite.gridCodes.join(', ')}` : ''
    context.stdout(
      `Invite for ${invite.role} at station ${invite.stationCode}${grids}, valid until ${formatShanghaiTime(invite.expiresAt)} (Asia/Shanghai), one use.`,
    )
    context.stdout(`code: ${invite.code}`)
    const bot = await resolveBotUsername(context.config())
    if (bot.ok) {
      context.stdout(`link: https://t.me/${bot.username}?start=${invite.code}`)
    } else {
      context.stdout(
        `link: not available (${bot.reason}); set BOT_USERNAME to print it, or send the code: /start ${invite.code}`,
      )
    }
  },
}
