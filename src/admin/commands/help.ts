import type { AdminCommand } from '../command.ts'

/** The text of `admin --help`: every command with its usage. */
export function helpText(commands: readonly AdminCommand[]): string[] {
  return [
    'Usage: npm run admin -- <command> [options]',
    '',
    'Administration of the grid-12315 bot: the region and station directory, invites and memberships.',
    'Reads DATABASE_URL (and BOT_USERNAME, BOT_TOKEN, TELEGRAM_API_ROOT for invite links) from the environment or',
    '.env in the current directory, validated by src/config.ts.',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(10)} ${command.summary}`),
    '',
    ...commands.flatMap((command) => [...command.usage.map((line) => `  ${line}`), '']),
    'Every command accepts --help. Exit code 0 on success, 1 with a one-line reason on failure.',
  ]
}
