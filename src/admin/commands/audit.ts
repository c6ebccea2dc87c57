import { maskName } from '../../domain/intake/masking.ts'
import { AUDIT_ACTIONS, type AuditEntry, listAudit } from '../../services/audit/audit-log.ts'
import { type AdminCommand, AdminError } from '../command.ts'
import { formatShanghaiTime, parseSince } from '../duration.ts'
import { renderTable } from '../table.ts'

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 10_000
const ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((action) => action.split('.')[0] ?? action))]

export const auditCommand: AdminCommand = {
  name: 'audit',
  summary: 'show the audit log: who bound, invited, revoked, imported or listed full names, when and from where',
  usage: [
    'audit [--since 7d|2026-12-01|"2026-12-01 08:30"] [--actor <os user|telegram id>] [--action <action>] [--limit 100]',
    '  --since   from this long ago, or from this Asia/Shanghai date (and time)',
    '  --actor   one actor: the OS user of a command-line act, or the Telegram user id of an act in a chat',
    `  --action  one action or its group: ${AUDIT_ACTIONS.join(', ')}`,
    `  --limit   the newest this many records (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}), shown oldest first`,
    '  Names are masked. The log is append-only: the database refuses to change or delete a record.',
  ],
  options: {
    since: { type: 'string' },
    actor: { type: 'string' },
    action: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(context, values) {
    const since = typeof values.since === 'string' ? parseSince(values.since, new Date()) : undefined
    if (since === null)
      throw new AdminError(
        `--since ${String(values.since)}: use a duration (30m, 12h, 7d, 2w) or a date (2026-12-01, "2026-12-01 08:30")`,
      )
    const action = typeof values.action === 'string' ? values.action.trim() : undefined
    if (
      action !== undefined &&
      !(AUDIT_ACTIONS as readonly string[]).includes(action) &&
      !ACTION_GROUPS.includes(action)
    ) {
      throw new AdminError(
        `--action ${action}: use one of ${AUDIT_ACTIONS.join(', ')} or a group (${ACTION_GROUPS.join(', ')})`,
      )
    }
    const limitText = typeof values.limit === 'string' ? values.limit.trim() : String(DEFAULT_LIMIT)
    const limit = /^\d{1,5}$/.test(limitText) ? Number(limitText) : NaN
    if (!(limit >= 1 && limit <= MAX_LIMIT))
      throw new AdminError(`--limit ${limitText}: use a whole number from 1 to ${MAX_LIMIT}`)
    const actor = typeof values.actor === 'string' ? values.actor.trim() : undefined

    const entries = await listAudit(context.database(), { since, actor, action, limit })
    if (entries.length === 0) {
      context.stdout('No audit records match.')
      return
    }
    const rows = entries.map((entry) => [
      formatShanghaiTime(entry.at, { seconds: true }),
      who(entry),
      from(entry),
      entry.action,
      entry.stationCode ?? '-',
      what(entry),
    ])
    for (const line of renderTable(['when (Asia/Shanghai)', 'who', 'from', 'action', 'station', 'what'], rows))
      context.stdout(line)
    const more =
      entries.length === limit ? ` (the newest ${limit}; narrow with --since, --actor, --action or raise --limit)` : ''
    context.stdout(`${entries.length} record${entries.length === 1 ? '' : 's'}${more}`)
  },
}

function person(telegramId: string, name: string | null): string {
  return name ? `${telegramId} ${maskName(name)}` : telegramId
}

function who(entry: AuditEntry): string {
  return entry.channel === 'CLI' ? entry.actor : person(entry.actor, entry.actorName)
}

function from(entry: AuditEntry): string {
  if (entry.channel === 'CLI') return 'command line'
  if (entry.chatId === null) return 'chat'
  return entry.chatId.toString() === entry.actor ? 'private chat' : `chat ${entry.chatId}`
}

/** What was done, in a few words, from the record's details. */
function what(entry: AuditEntry): string {
  const d = entry.details
  const text = (key: string) => (d[key] === undefined || d[key] === null ? '' : String(d[key]))
  const list = (key: string) => (Array.isArray(d[key]) ? (d[key] as unknown[]).map(String) : [])
  const role = text('role').toLowerCase()
  const grids = list('gridCodes').length > 0 ? `, grids ${list('gridCodes').join(' ')}` : ''
  switch (entry.action) {
    case 'invite.create':
      return `${role} invite #${text('inviteId')}${grids}, valid until ${formatShanghaiTime(new Date(text('expiresAt')))}`
    case 'invite.redeem':
      return `became ${role} with invite #${text('inviteId')}${grids}${d.reactivated === true ? ' (revoked role restored)' : ''}`
    case 'membership.revoke':
      return `${person(entry.subjectTelegramId?.toString() ?? '?', entry.subjectName)}: ${list('roles')
        .map((r) => r.toLowerCase())
        .join(', ')} revoked`
    case 'station.bind':
      return `group ${text('chatId')}${d.forum === true ? ' (forum)' : ''}${text('replacedChatId') ? `, replacing group ${text('replacedChatId')}` : ''}`
    case 'station.unbind':
      return `group ${text('chatId')}${text('reason') ? `: ${text('reason')}` : ''}`
    case 'station.move':
      return `group ${text('fromChatId')} became supergroup ${text('toChatId')}`
    case 'directory.import':
      return `${text('file') || 'a file'}: ${importTotals(d.counts)}`
    case 'people.list':
      return `full names of ${text('people')} ${text('people') === '1' ? 'person' : 'people'}${d.includeRevoked === true ? ', revoked roles included' : ''}`
    default:
      return JSON.stringify(d)
  }
}

function importTotals(counts: unknown): string {
  const totals = { created: 0, updated: 0, unchanged: 0 }
  if (typeof counts === 'object' && counts !== null) {
    for (const entity of Object.values(counts as Record<string, Record<string, unknown>>)) {
      for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += Number(entity[key] ?? 0)
    }
  }
  return `${totals.created} created, ${totals.updated} updated, ${totals.unchanged} unchanged`
}
