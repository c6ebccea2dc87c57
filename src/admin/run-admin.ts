import { parseArgs } from 'node:util'
import { type AdminConfig, ConfigError, loadAdminConfig } from '../config.ts'
import { createDatabase, type Database } from '../db/client.ts'
import { type AdminCommand, type AdminContext, AdminError, type AdminIo } from './command.ts'
import { auditCommand } from './commands/audit.ts'
import { exportCommand } from './commands/export.ts'
import { helpText } from './commands/help.ts'
import { holidaysCommand } from './commands/holidays.ts'
import { importCommand } from './commands/import.ts'
import { inviteCommand } from './commands/invite.ts'
import { peopleCommand } from './commands/people.ts'
import { revokeCommand } from './commands/revoke.ts'
import { stationsCommand } from './commands/stations.ts'

export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  importCommand,
  inviteCommand,
  stationsCommand,
  peopleCommand,
  revokeCommand,
  auditCommand,
  holidaysCommand,
  exportCommand,
]

/**
 * Runs one admin command and returns the process exit code: 0 on success, 1 after printing a one-line
 * `error: …` to stderr (an import also lists its errors, one per line, before that).
 */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    io.stderr('error: no command given (try --help)')
    return 1
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = ADMIN_COMMANDS.find((command) => command.name === rest[0])
    for (const line of topic ? topic.usage : helpText(ADMIN_COMMANDS)) io.stdout(line)
    return 0
  }
  const command = ADMIN_COMMANDS.find((candidate) => candidate.name === name)
  if (!command) {
    io.stderr(`error: unknown command "${name}" (try --help)`)
    return 1
  }

  let db: Database | undefined
  let config: AdminConfig | undefined
  const context: AdminContext = {
    ...io,
    config() {
      try {
        config ??= loadAdminConfig(io.env)
        return config
      } catch (error) {
        if (error instanceof ConfigError) throw new AdminError(`invalid configuration: ${error.problems.join('; ')}`)
        throw error
      }
    },
    database() {
      if (db) return db
      const url = this.config().DATABASE_URL
      if (!url) throw new AdminError('DATABASE_URL is not set (put it in the environment or in .env)')
      db = createDatabase(url, { maxConnections: 2 })
      return db
    },
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    })
    if (values.help) {
      for (const line of command.usage) io.stdout(line)
      return 0
    }
    await command.run(context, values, positionals)
    return 0
  } catch (error) {
    io.stderr(`error: ${oneLine(error, command.name)}`)
    return 1
  } finally {
    await db?.$disconnect().catch(() => undefined)
  }
}

/** The reason of a failure on one line, without a stack trace. */
function oneLine(error: unknown, commandName: string): string {
  if (error instanceof AdminError) return error.message
  if (error instanceof Error && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    return `${firstLine(error.message)} (try ${commandName} --help)`
  }
  const message = error instanceof Error ? error.message : String(error)
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  // Prisma puts "Invalid `prisma.x.y()` invocation:" first and the actual reason last.
  const reason = lines[0]?.startsWith('Invalid `') ? lines.at(-1) : lines[0]
  return reason ?? (error instanceof Error ? error.name : 'failed')
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text
}
