import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ADMIN_URL } from '../support/postgres-admin.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/**
 * `prisma migrate diff` replays prisma/migrations into a throw-away shadow database (the offline schema engine creates
 * and drops its own) and compares the result with prisma/schema.prisma. Exit code 2 means they differ: someone edited
 * the schema without a migration, or hand-edited a migration away from the schema.
 */
async function diffMigrationsAgainstSchema(): Promise<{ code: number; output: string }> {
  const args = [
    'prisma',
    'migrate',
    'diff',
    '--config',
    'prisma/prisma.config.ts',
    '--from-migrations',
    'prisma/migrations',
    '--to-schema',
    'prisma/schema.prisma',
    '--exit-code',
  ]
  try {
    const { stdout } = await promisify(execFile)('npx', args, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ADMIN_URL },
    })
    return { code: 0, output: stdout }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` }
  }
}

describe('prisma/schema.prisma and prisma/migrations', () => {
  it('describe the same database', async () => {
    const diff = await diffMigrationsAgainstSchema()
    expect(
      diff.output,
      'the migrations do not produce the schema; add a migration (npm run db:migrate:create)',
    ).not.toMatch(/\[[*+-]\]/)
    expect(diff.code).toBe(0)
  }, 180_000)
})
