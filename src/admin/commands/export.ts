import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { localDateOf, tryParseLocalDate } from '../../domain/calendar/local-date.ts'
import { customPeriod } from '../../domain/statistics/period.ts'
import type { StatisticsScope } from '../../domain/statistics/scope.ts'
import { createTranslator } from '../../i18n/translator.ts'
import { recordAudit } from '../../services/audit/audit-log.ts'
import type { ExportFormat } from '../../services/statistics/ticket-export.ts'
import { cliActor } from '../cli-actor.ts'
import { type AdminCommand, AdminError, requiredString } from '../command.ts'

export const exportCommand: AdminCommand = {
  name: 'export',
  summary: 'export every ticket of a period (a station, a district or the city) as XLSX or CSV, contacts masked',
  usage: [
    'export --from 2026-01-01 --to 2026-06-30 [--station <code> | --district <area code>] [--format xlsx|csv] [--out <file>] [--with-contacts]',
    '  --from, --to     the first and last day filed (Asia/Shanghai), both included',
    '  --station        one station by its code; --district every station of a county; neither: the whole city',
    '  --format         xlsx (default) or csv (UTF-8 with BOM, opens in Excel with Chinese intact)',
    '  --out            the file to write (default tickets-<from>-<to>.<format>)',
    '  --with-contacts  full contact names and phone numbers instead of masked ones; recorded in the audit log',
  ],
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    station: { type: 'string' },
    district: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    'with-contacts': { type: 'boolean' },
  },
  async run(context, values) {
    const from = tryParseLocalDate(requiredString(values, 'from'))
    const to = tryParseLocalDate(requiredString(values, 'to'))
    if (!from || !to) throw new AdminError('--from and --to: use dates as YYYY-MM-DD')
    if (to < from) throw new AdminError('--to is before --from')
    const format = (typeof values.format === 'string' ? values.format : 'xlsx') as ExportFormat
    if (format !== 'xlsx' && format !== 'csv') throw new AdminError(`--format ${String(format)}: use xlsx or csv`)
    if (typeof values.station === 'string' && typeof values.district === 'string')
      throw new AdminError('give --station or --district, not both')
    const db = context.database()
    let scope: StatisticsScope = { level: 'CITY' }
    let stationCode: string | null = null
    if (typeof values.station === 'string') {
      const station = await db.station.findUnique({
        where: { code: values.station.trim() },
        select: { id: true, code: true },
      })
      if (!station) throw new AdminError(`--station ${values.station}: no station with that code (see: stations)`)
      scope = { level: 'STATION', stationId: station.id }
      stationCode = station.code
    } else if (typeof values.district === 'string') {
      const area = await db.area.findUnique({
        where: { code: values.district.trim() },
        select: { code: true, level: true },
      })
      if (area?.level !== 'DISTRICT')
        throw new AdminError(`--district ${values.district}: no district with that area code`)
      scope = { level: 'COUNTY', districtCode: area.code }
    }
    const withContacts = values['with-contacts'] === true
    const file = typeof values.out === 'string' ? values.out : `tickets-${from}-${to}.${format}`
    // Loaded here, not at start-up: exceljs is heavy and every other command would pay for it.
    const { exportTickets } = await import('../../services/statistics/ticket-export.ts')
    const t = (await createTranslator('zh-CN')).forLocale('zh-CN')
    const out = await openForWriting(file)
    const rows = await exportTickets(
      db,
      { period: customPeriod(from, to), scope, format, withContacts, forHandlingBureau: false, t },
      out,
    )
    await recordAudit(db, {
      by: cliActor(context.env),
      action: 'tickets.export',
      stationCode,
      details: {
        from,
        to,
        scope: scope.level === 'COUNTY' ? `district ${scope.districtCode}` : scope.level.toLowerCase(),
        format,
        withContacts,
        rows,
        at: localDateOf(new Date()),
      },
    })
    context.stdout(
      `${rows} ticket${rows === 1 ? '' : 's'} written to ${file}${withContacts ? ' (with full contacts; recorded in the audit log)' : ' (contacts masked)'}`,
    )
  },
}

/** The file, opened for writing before any row is read: a path that cannot be written is one line, not a stack. */
async function openForWriting(file: string): Promise<WriteStream> {
  const out = createWriteStream(file)
  try {
    await once(out, 'open')
    return out
  } catch (error) {
    throw new AdminError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`)
  }
}
