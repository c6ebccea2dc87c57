import { maskName } from '../../domain/intake/masking.ts'
import { recordAudit } from '../../services/audit/audit-log.ts'
import { listPeople } from '../../services/directory/directory-listings.ts'
import { cliActor } from '../cli-actor.ts'
import { type AdminCommand, AdminError } from '../command.ts'
import { formatShanghaiTime } from '../duration.ts'
import { renderTable } from '../table.ts'

export const peopleCommand: AdminCommand = {
  name: 'people',
  summary: 'list people with a role (staff, liaison, admin), optionally at one station',
  usage: [
    'people [--station <code>] [--revoked] [--full-names]',
    '  --station     only memberships at this station',
    '  --revoked     include revoked memberships',
    '  --full-names  show names unmasked (they are masked by default, since terminal output ends up in logs);',
    '                recorded in the audit log',
  ],
  options: { station: { type: 'string' }, revoked: { type: 'boolean' }, 'full-names': { type: 'boolean' } },
  async run(context, values) {
    const stationCode = typeof values.station === 'string' ? values.station.trim() : undefined
    const result = await listPeople(context.database(), { stationCode, includeRevoked: values.revoked === true })
    if (!result.ok) throw new AdminError(`no station with code ${stationCode} (see: admin stations)`)
    if (result.people.length === 0) {
      context.stdout(
        stationCode
          ? `Nobody has a role at station ${stationCode} yet.`
          : 'Nobody has a role yet: create an invite (admin invite …).',
      )
      return
    }
    const fullNames = values['full-names'] === true
    if (fullNames) {
      // Recorded before anything is shown: personal data leaves the system only with a record of who took it.
      const details = { fullNames: true, includeRevoked: values.revoked === true, people: result.people.length }
      await recordAudit(context.database(), {
        by: cliActor(context.env),
        action: 'people.list',
        stationCode: stationCode ?? null,
        details,
      })
    }
    const showName = (name: string) => (fullNames ? name : maskName(name))
    const rows = result.people.flatMap((person) =>
      person.memberships.map((membership) => [
        person.telegramId.toString(),
        showName(person.displayName),
        person.username ? `@${person.username}` : '-',
        membership.stationCode,
        membership.role.toLowerCase(),
        membership.gridCodes.join(' ') || '-',
        formatShanghaiTime(membership.since).slice(0, 10),
        membership.revokedAt
          ? `revoked ${formatShanghaiTime(membership.revokedAt).slice(0, 10)}`
          : person.reachable
            ? 'active'
            : 'active, unreachable',
      ]),
    )
    for (const line of renderTable(
      ['telegram id', 'name', 'username', 'station', 'role', 'grids', 'since', 'status'],
      rows,
    )) {
      context.stdout(line)
    }
    context.stdout(`${result.people.length} ${result.people.length === 1 ? 'person' : 'people'}`)
  },
}
