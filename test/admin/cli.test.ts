import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../src/admin/run-admin.ts'
import { createInvites } from '../../src/services/access/invites.ts'
import { GOOD_CSV_ROWS, GOOD_JSON, goodCsv, rowCounts } from '../services/directory/directory-fixtures.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { TEST_OPERATOR } from '../support/operator.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
let testDb: TestDatabase
let dir: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs an admin command in-process, exactly as src/admin/cli.ts does, against the test database. */
async function admin(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const out: string[] = []
  const err: string[] = []
  const code = await runAdmin(args, {
    env: { ...process.env, DATABASE_URL: testDb.url, BOT_USERNAME: 'grid12315_test_bot', ...env },
    stdout: (line) => out.push(`${line}\n`),
    stderr: (line) => err.push(`${line}\n`),
  })
  return { code, stdout: out.join(''), stderr: err.join('') }
}

/** Runs the real command line as the operator would (without npm's banner). */
function adminProcess(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      `${root}node_modules/.bin/tsx`,
      ['src/admin/cli.ts', ...args],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: testDb.url, BOT_USERNAME: 'grid12315_test_bot', NODE_NO_WARNINGS: '1' },
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      },
    )
  })
}
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '')

beforeAll(async () => {
  testDb = await createTestDatabase()
  dir = await mkdtemp(join(tmpdir(), 'grid-admin-'))
})
afterAll(async () => {
  await testDb.drop()
  await rm(dir, { recursive: true, force: true })
})

describe('admin command line', () => {
  it('runs as a process that exits 0 on success and 1 with one line on failure', async () => {
    const ok = await adminProcess(['stations'])
    expect(ok.code).toBe(0)
    const failed = await adminProcess(['frobnicate'])
    expect(failed.code).toBe(1)
    expect(failed.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('prints the usage of every command with --help and exits 0', async () => {
    const run = await admin(['--help'])
    expect(run.code).toBe(0)
    for (const command of [
      'import <file.csv|file.json>',
      'invite --role staff|liaison|admin --station <code>',
      'stations',
      'people [--station <code>]',
      'revoke --user <telegram id> --station <code>',
      'audit [--since',
    ]) {
      expect(run.stdout).toContain(command)
    }
    const invite = await admin(['invite', '--help'])
    expect(invite.code).toBe(0)
    expect(invite.stdout).toContain('--ttl')
  })

  it('exits 1 with one line for an unknown command, a missing command or a bad option', async () => {
    for (const args of [['frobnicate'], [], ['stations', '--colour']]) {
      const run = await admin(args)
      expect(run.code).toBe(1)
      expect(run.stdout).toBe('')
      expect(lines(run.stderr)).toHaveLength(1)
      expect(run.stderr).toMatch(/^error: /)
    }
  })

  it('exits 1 with one line when DATABASE_URL is missing', async () => {
    const run = await admin(['stations'], { DATABASE_URL: '' })
    expect(run.code).toBe(1)
    expect(lines(run.stderr)).toEqual(['error: DATABASE_URL is not set (put it in the environment or in .env)'])
  })

  it('checks its variables with the same rules as the bot, naming each bad one on the one error line', async () => {
    const run = await admin(['stations'], { DATABASE_URL: 'mysql://db', BOT_USERNAME: 'no spaces allowed' })
    expect(run.code).toBe(1)
    expect(lines(run.stderr)).toEqual([
      'error: invalid configuration: DATABASE_URL must start with postgresql:// or postgres://; BOT_USERNAME is not a Telegram username',
    ])
  })

  it('lists the line of every error of a bad file, exits 1 and imports nothing', async () => {
    const bad = GOOD_CSV_ROWS.map((row, index) =>
      index + 2 === 7 ? { ...row, parentCode: '511402001' } : index + 2 === 9 ? { ...row, phone: '12' } : row,
    )
    const file = join(dir, 'bad.csv')
    await writeFile(file, goodCsv(bad))
    const run = await admin(['import', file])
    expect(run.code).toBe(1)
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^ {2}line 7: areas\.parentCode "511402001": a GRID's parent must be a COMMUNITY/),
      expect.stringMatching(/^ {2}line 9: stations\.phone "12": /),
      'error: bad.csv: 2 errors; nothing was imported',
    ])
    expect((await rowCounts(testDb.db)).area).toBe(0)
  })

  it('refuses a UTF-16 file and a file with a NUL character in one line each, and imports nothing', async () => {
    const utf16 = join(dir, 'unicode.csv')
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(goodCsv(), 'utf16le')]))
    const wide = await admin(['import', utf16])
    expect(wide.code).toBe(1)
    expect(lines(wide.stderr)).toEqual([
      `error: unicode.csv: the file is UTF-16 (Excel's "Unicode text"); save it as "CSV UTF-8" or as GB18030`,
    ])
    const nul = join(dir, 'nul.csv')
    const [first, ...rest] = goodCsv().split('\n')
    await writeFile(nul, [first, rest[0]?.replace('眉山', '眉\u0000山'), ...rest.slice(1)].join('\n'))
    const run = await admin(['import', nul])
    expect(run.code).toBe(1)
    expect(lines(run.stderr)).toEqual(['error: nul.csv: line 2 contains a NUL character; nothing was read'])
    expect((await rowCounts(testDb.db)).area).toBe(0)
  })

  it('refuses a file that is neither .csv nor .json', async () => {
    const run = await admin(['import', join(dir, 'directory.xlsx')])
    expect(run.code).toBe(1)
    expect(lines(run.stderr)).toEqual(['error: directory.xlsx: the file name must end in .csv or .json'])
  })

  it('imports a file, and a second import reports everything unchanged', async () => {
    const file = join(dir, 'good.json')
    await writeFile(file, GOOD_JSON)
    const first = await admin(['import', file])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/areas\s+7\s+0\s+0\s+0/)
    const second = await admin(['import', file])
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(/areas\s+0\s+0\s+7\s+0/)
    expect(second.stdout).toMatch(/stations\s+0\s+0\s+3\s+0/)
  })

  it('lists stations', async () => {
    const run = await admin(['stations'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/DP-TONGHUI\s+liaison station\s+511402\s+no\s+1/)
    expect(run.stdout).toContain('3 stations')
  })

  it('prints an invite code and its t.me link, using BOT_USERNAME', async () => {
    const run = await admin([
      'invite',
      '--role',
      'liaison',
      '--station',
      'DP-TONGHUI',
      '--grid',
      '511402001001-01',
      '--ttl',
      '2d',
    ])
    expect(run.code).toBe(0)
    const code = /^code: ([A-Za-z0-9_-]{16,64})$/m.exec(run.stdout)?.[1]
    expect(code).toBeDefined()
    expect(run.stdout).toContain(`link: https://t.me/grid12315_test_bot?start=${code}`)
    const invite = await testDb.db.invite.findUniqueOrThrow({ where: { code: code! } })
    expect(invite).toMatchObject({ role: 'LIAISON', gridCodes: ['511402001001-01'], redeemedAt: null })
    expect(invite.expiresAt.getTime() - invite.createdAt.getTime()).toBeGreaterThan(2 * 86_400_000 - 60_000)
  })

  it('still prints the code when getMe fails, and never the token', async () => {
    const token = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    const run = await admin(['invite', '--role', 'staff', '--station', 'DP-12315'], {
      BOT_USERNAME: '',
      BOT_TOKEN: token,
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^code: [A-Za-z0-9_-]{16,}$/m)
    expect(run.stdout).toMatch(/^link: not available \(getMe failed: .*\); set BOT_USERNAME/m)
    expect(run.stdout + run.stderr).not.toContain(token)
  })

  it('exits 1 with one line for an invite the station cannot give', async () => {
    const run = await admin(['invite', '--role', 'staff', '--station', 'DP-TONGHUI', '--grid', '511402001001-01'])
    expect(run.code).toBe(1)
    expect(lines(run.stderr)).toEqual(['error: --grid is only for --role liaison'])
    const ttl = await admin(['invite', '--role', 'staff', '--station', 'DP-TONGHUI', '--ttl', 'forever'])
    expect(lines(ttl.stderr)).toEqual(['error: --ttl forever: use a duration from 1m to 30d, such as 12h or 7d'])
  })

  it('lists people and revokes a membership', async () => {
    const invites = createInvites({ db: testDb.db })
    const person = await testDb.db.person.create({
      data: { telegramId: 5550001n, displayName: '张三丰', username: 'zsf' },
    })
    const created = await invites.createInvite({
      role: 'STAFF',
      stationCode: 'DP-12315',
      ttlMs: 3600_000,
      by: TEST_OPERATOR,
    })
    if (!created.ok) throw new Error(created.reason)
    await invites.redeemInvite(created.invite.code, person)

    const people = await admin(['people', '--station', 'DP-12315'])
    expect(people.code).toBe(0)
    expect(people.stdout).toMatch(/5550001\s+张\*\*\s+@zsf\s+DP-12315\s+staff/)
    expect(people.stdout).not.toContain('张三丰')

    const revoke = await admin(['revoke', '--user', '5550001', '--station', 'DP-12315'])
    expect(revoke.code).toBe(0)
    expect(revoke.stdout).toContain('Revoked 1 role of 5550001 at station DP-12315.')
    const membership = await testDb.db.membership.findFirstOrThrow({ where: { personId: person.id } })
    expect(membership.revokedAt).not.toBeNull()

    const again = await admin(['revoke', '--user', '5550001', '--station', 'DP-12315'])
    expect(again.code).toBe(1)
    expect(lines(again.stderr)).toEqual(['error: 5550001 has no active role at station DP-12315'])
    const after = await admin(['people', '--station', 'DP-12315'])
    expect(after.stdout).toContain('Nobody has a role at station DP-12315 yet.')
  })
})
