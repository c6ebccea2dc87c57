/**
 * One export in a process of its own, as `npm run admin -- export` runs it, so its peak RSS is the export's:
 * `node --import tsx bench/support/export-process.ts <database url> <from> <to> <xlsx|csv> <file>`. Prints one JSON
 * line: rows, milliseconds, the RSS before and the peak RSS (maxRSS, from the kernel) in bytes.
 */
import { createWriteStream } from 'node:fs'
import { createDatabase } from '../../src/db/client.ts'
import { parseLocalDate } from '../../src/domain/calendar/local-date.ts'
import { customPeriod } from '../../src/domain/statistics/period.ts'
import { createTranslator } from '../../src/i18n/translator.ts'
import { type ExportFormat, exportTickets } from '../../src/services/statistics/ticket-export.ts'

const [url, from, to, format, file] = process.argv.slice(2)
if (!url || !from || !to || !file || (format !== 'xlsx' && format !== 'csv')) {
  console.error('usage: export-process.ts <database url> <from> <to> <xlsx|csv> <file>')
  process.exit(2)
}
const db = createDatabase(url, { maxConnections: 2 })
const t = (await createTranslator('zh-CN')).forLocale('zh-CN')
const before = process.memoryUsage().rss
const start = performance.now()
const rows = await exportTickets(
  db,
  {
    period: customPeriod(parseLocalDate(from), parseLocalDate(to)),
    scope: { level: 'CITY' },
    format: format as ExportFormat,
    withContacts: false,
    forHandlingBureau: false,
    t,
  },
  createWriteStream(file),
)
const ms = performance.now() - start
await db.$disconnect()
console.log(JSON.stringify({ rows, ms, before, peak: process.resourceUsage().maxRSS * 1024 }))
