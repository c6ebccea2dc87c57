import { createInvites } from '../../services/access/invites.ts'
import { cliActor } from '../cli-actor.ts'
import { type AdminCommand, AdminError, requiredString } from '../command.ts'
import { parseRole } from '../roles.ts'

export const revokeCommand: AdminCommand = {
  name: 'revoke',
  summary: "revoke a person's roles at a station",
  usage: [
    'revoke --user <telegram id> --station <code> [--role staff|liaison|admin]',
    '  Revokes every role the person has at the station, or only --role. The history is kept.',
  ],
  options: { user: { type: 'string' }, station: { type: 'string' }, role: { type: 'string' } },
  async run(context, values) {
    const user = requiredString(values, 'user')
    if (!/^\d{1,19}$/.test(user)) throw new AdminError(`--user ${user}: give the Telegram user id (digits)`)
    const stationCode = requiredString(values, 'station')
    const role = typeof values.role === 'string' ? parseRole(values.role) : undefined
    const result = await createInvites({ db: context.database() }).revokeMembership(BigInt(user), stationCode, {
      role,
      by: cliActor(context.env),
    })
    if (!result.ok) {
      const reasons = {
        UNKNOWN_PERSON: `nobody with Telegram id ${user} has used the bot`,
        UNKNOWN_STATION: `no station with code ${stationCode} (see: admin stations)`,
        NOT_A_MEMBER: `${user} has no active ${role ? `${role.toLowerCase()} ` : ''}role at station ${stationCode}`,
      }
      throw new AdminError(reasons[result.reason])
    }
    context.stdout(
      `Revoked ${result.revoked} role${result.revoked === 1 ? '' : 's'} of ${user} at station ${stationCode}.`,
    )
  },
}
