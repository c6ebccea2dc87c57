import { InvalidHolidayTableError } from '../../domain/calendar/holiday-table.ts'
import { createLogger } from '../../logging/logger.ts'
import { createDeadlines } from '../../services/deadlines/deadlines.ts'
import type { Outbox } from '../../services/outbox/outbox.ts'
import { cliActor } from '../cli-actor.ts'
import { type AdminCommand, AdminError } from '../command.ts'
import { readTextFile } from '../read-text-file.ts'

/**
 * The command line has no Redis: jobs are recorded in the outbox with their cause and the workers' sweeper
 * enqueues them within a minute.
 */
const SWEPT_LATER = { dispatch: async () => undefined } as unknown as Outbox

export const holidaysCommand: AdminCommand = {
  name: 'holidays',
  summary: 'show or import a year of the State Council holiday schedule',
  usage: [
    'holidays show <year>',
    '  The days off and make-up workdays the bot counts with in <year>, and where they come from (an imported',
    '  notice, the bundled table, or only the statutory days of 全国年节及纪念日放假办法: provisional).',
    'holidays import <file.json>',
    '  Adds or replaces a year: { "year": 2027, "source": "<the notice>", "holidays": ["2027-01-01", …],',
    '  "makeUpWorkdays": ["2027-02-20", …] }. Every date must be in its year, none both a holiday and a make-up',
    '  workday, make-up days on a weekend. Stored provisional due dates are then recounted; stations are told.',
  ],
  options: {},
  allowPositionals: true,
  async run(context, _values, positionals) {
    const [action, argument] = positionals
    const log = createLogger({ level: 'silent' })
    const deadlines = createDeadlines({ db: context.database(), outbox: SWEPT_LATER, log })
    if (action === 'show') {
      const year = Number(argument)
      if (!argument || !/^\d{4}$/.test(argument)) throw new AdminError('give a four-digit year: holidays show 2027')
      const view = await deadlines.showYear(year)
      const states = {
        imported: 'imported',
        bundled: 'bundled with the bot',
        provisional: 'PROVISIONAL: no notice imported',
      }
      context.stdout(`${year}: ${states[view.state]}`)
      context.stdout(`source: ${view.source}`)
      context.stdout(`holidays (${view.holidays.length}): ${view.holidays.join(' ')}`)
      context.stdout(`make-up workdays (${view.makeUpWorkdays.length}): ${view.makeUpWorkdays.join(' ') || '-'}`)
      return
    }
    if (action === 'import') {
      if (!argument) throw new AdminError('give the file: holidays import <file.json>')
      const { text } = await readTextFile(argument)
      let parsed: unknown
      try {
        parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
      } catch (error) {
        throw new AdminError(`${argument}: not valid JSON (${error instanceof Error ? error.message : String(error)})`)
      }
      try {
        const actor = cliActor(context.env)
        const result = await deadlines.importYear(parsed, actor.via === 'CLI' ? actor.user : 'unknown')
        context.stdout(
          `Imported ${result.year}: ${result.holidays} holidays, ${result.makeUpWorkdays} make-up workdays.`,
        )
        context.stdout(
          `Recounted ${result.recomputed} due date(s) counted into ${result.year}; ${result.moved} moved (logged; stations told).`,
        )
      } catch (error) {
        if (!(error instanceof InvalidHolidayTableError)) throw error
        for (const issue of error.issues) context.stderr(`  ${issue}`)
        throw new AdminError(`${argument}: ${error.issues.length} problem(s), nothing imported`)
      }
      return
    }
    throw new AdminError('use: holidays show <year> | holidays import <file.json>')
  },
}
