import type { ParseArgsConfig } from 'node:util'
import type { AdminConfig } from '../config.ts'
import type { Database } from '../db/client.ts'

/** Where a command reads its environment and writes its output; tests pass their own. */
export interface AdminIo {
  env: NodeJS.ProcessEnv
  stdout: (line: string) => void
  stderr: (line: string) => void
}

export interface AdminContext extends AdminIo {
  /** The variables the command line reads, validated by `src/config.ts` (a bad one fails the command). */
  config(): AdminConfig
  /** The database, connected on first use from DATABASE_URL and closed when the command ends. */
  database(): Database
}

/** One subcommand of `npm run admin -- <command>`. */
export interface AdminCommand {
  name: string
  /** One line for the command list. */
  summary: string
  /** Usage lines shown by `<command> --help` and by `--help`. */
  usage: readonly string[]
  options: NonNullable<ParseArgsConfig['options']>
  /** Whether positional arguments are accepted. */
  allowPositionals?: boolean
  run(
    context: AdminContext,
    values: Record<string, string | boolean | string[] | boolean[] | undefined>,
    positionals: string[],
  ): Promise<void>
}

/** A failure the user can fix; the command line prints its message as one line and exits with 1. */
export class AdminError extends Error {
  override name = 'AdminError'
}

/** Reads a string option that must be there. */
export function requiredString(values: Record<string, unknown>, name: string): string {
  const value = values[name]
  if (typeof value !== 'string' || value.trim() === '') throw new AdminError(`--${name} is required`)
  return value.trim()
}
