import { basename } from 'node:path'
import type { DirectoryIssue } from '../../services/directory/directory-file.ts'
import { importDirectory } from '../../services/directory/import-directory.ts'
import { directoryFormatOf, readDirectoryFile } from '../../services/directory/read-directory-file.ts'
import { cliActor } from '../cli-actor.ts'
import { type AdminCommand, AdminError } from '../command.ts'
import { readTextFile } from '../read-text-file.ts'
import { renderTable } from '../table.ts'

export const importCommand: AdminCommand = {
  name: 'import',
  summary: 'import areas, stations, coverage, platforms and liaison grids from a .csv or .json file',
  usage: [
    'import <file.csv|file.json> [--dry-run]',
    '  Validates the whole file first; if any row is wrong, nothing is written and every error is listed with its line.',
    '  Rows are upserted by code: importing the same file again changes nothing. Nothing is ever deleted.',
    '  --dry-run   validate and show what would change, without writing',
  ],
  options: { 'dry-run': { type: 'boolean' } },
  allowPositionals: true,
  async run(context, values, positionals) {
    const [path, ...extra] = positionals
    if (path === undefined) throw new AdminError('import needs a file: import <file.csv|file.json>')
    if (extra.length > 0) throw new AdminError(`import takes one file, got ${positionals.length}`)
    const format = directoryFormatOf(path)
    if (format === null) throw new AdminError(`${basename(path)}: the file name must end in .csv or .json`)
    const { text, encoding } = await readTextFile(path)
    if (encoding !== 'utf-8')
      context.stdout(`note: ${basename(path)} is not UTF-8; read it as GB18030 (Excel's Chinese encoding)`)
    const dryRun = values['dry-run'] === true
    const result = await importDirectory(context.database(), readDirectoryFile(text, format), {
      dryRun,
      by: cliActor(context.env),
      source: basename(path),
    })

    for (const warning of result.warnings) context.stdout(`warning: ${describeIssue(warning)}`)
    if (!result.ok) {
      for (const issue of result.errors) context.stderr(`  ${describeIssue(issue)}`)
      const count = result.errors.length
      throw new AdminError(`${basename(path)}: ${count} error${count === 1 ? '' : 's'}; nothing was imported`)
    }
    const rows = Object.entries(result.counts).map(([entity, counts]) => [
      entity,
      String(counts.created),
      String(counts.updated),
      String(counts.unchanged),
      String(counts.skipped),
    ])
    for (const line of renderTable(['', 'created', 'updated', 'unchanged', 'skipped'], rows)) context.stdout(line)
    context.stdout(dryRun ? 'dry run: nothing was written' : `imported ${basename(path)}`)
  },
}

/** `line 7: areas.parentCode "511402001": unknown parent area…` */
export function describeIssue(issue: DirectoryIssue): string {
  const where = issue.field ? `${issue.section}.${issue.field}` : issue.section
  const value = issue.value === undefined ? '' : ` ${JSON.stringify(issue.value)}`
  return `line ${issue.line}: ${where}${value}: ${issue.message}`
}
