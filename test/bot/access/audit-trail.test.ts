import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAdmin } from '../../../src/admin/run-admin.ts'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'
import { seedAreas } from '../../support/world.ts'
import { REPLY_TIMEOUT_MS, redeem, warmUp } from './access-fixtures.ts'

// Every administrative act, from the command line and from chats, as an operator would do them, then read back
// with `admin audit`.
let harness: RuntimeInProcess
let dir: string

beforeAll(async () => {
  harness = await startRuntimeInProcess()
  await seedAreas(harness.app.database.db)
  await warmUp(harness.tg)
  dir = await mkdtemp(join(tmpdir(), 'grid-audit-'))
})
afterAll(async () => {
  await harness.close()
  await rm(dir, { recursive: true, force: true })
})

/** `npm run admin -- …` in-process, as the OS user `user`. */
async function admin(args: string[], user = 'alice'): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runAdmin(args, {
    env: {
      ...process.env,
      DATABASE_URL: harness.app.database.url,
      BOT_USERNAME: 'grid12315_test_bot',
      SUDO_USER: '',
      LOGNAME: '',
      USER: user,
    },
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  })
  return { code, stdout: out.join('\n'), stderr: err.join('\n') }
}

/** The table rows of `admin audit` (header, rule and count line left out). */
const auditRows = (stdout: string) => stdout.split('\n').slice(2, -1)

describe('the audit trail', () => {
  it('shows every administrative act with who did it, when and from where, names masked', async () => {
    const file = join(dir, 'audit-station.csv')
    await writeFile(
      file,
      [
        'type,code,kind,name,districtCode,stationCode,areaCodes',
        'station,T-AUDIT,COMMUNITY_LIAISON_STATION,审计联络站,511402,,',
        'coverage,,,,,T-AUDIT,511402001001',
      ].join('\n'),
    )
    expect((await admin(['import', file])).code).toBe(0)
    expect((await admin(['import', file, '--dry-run'])).code).toBe(0)

    const invite = await admin(['invite', '--role', 'staff', '--station', 'T-AUDIT'])
    const code = /code: (\S+)/.exec(invite.stdout)?.[1]
    if (!code) throw new Error(invite.stderr)
    const wang = harness.tg.user({ firstName: '王小明', languageCode: 'en' })
    expect(await redeem(wang, code)).toContain('审计联络站')

    const group = harness.tg.group({ members: [wang], botIsAdmin: true })
    await wang.sendInGroup(group, '/bind')
    expect((await group.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text).toContain('ticket chat')
    await wang.sendInGroup(group, '/unbind')
    expect((await group.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text).toContain('no longer the ticket chat')
    await wang.sendInGroup(group, '/bind')
    await group.nextMessage({ timeout: REPLY_TIMEOUT_MS })
    group.removeBot(wang, 'kicked')
    await expect
      .poll(
        async () => (await harness.app.database.db.station.findUniqueOrThrow({ where: { code: 'T-AUDIT' } })).chatId,
        { timeout: REPLY_TIMEOUT_MS },
      )
      .toBeNull()

    expect((await admin(['people', '--station', 'T-AUDIT'], 'bob')).code).toBe(0)
    const listing = await admin(['people', '--station', 'T-AUDIT', '--full-names'], 'bob')
    expect(listing.stdout).toContain('王小明')
    expect((await admin(['revoke', '--user', String(wang.id), '--station', 'T-AUDIT'])).code).toBe(0)

    const audit = await admin(['audit'])
    expect(audit.code).toBe(0)
    expect(audit.stdout).not.toContain('王小明')
    expect(audit.stdout).not.toContain(code)
    const [header] = audit.stdout.split('\n')
    expect(header).toMatch(/^when \(Asia\/Shanghai\)\s+who\s+from\s+action\s+station\s+what$/)
    const rows = auditRows(audit.stdout)
    const tg = `${wang.id} 王\\*\\*`
    const expected = [
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+alice\s+command line\s+directory\.import\s+-\s+audit-station\.csv: 2 created, 0 updated, 0 unchanged$/,
      /alice\s+command line\s+invite\.create\s+T-AUDIT\s+staff invite #\d+, valid until \d{4}-/,
      new RegExp(`${tg}\\s+private chat\\s+invite\\.redeem\\s+T-AUDIT\\s+became staff with invite #\\d+`),
      new RegExp(`${tg}\\s+chat ${group.id}\\s+station\\.bind\\s+T-AUDIT\\s+group ${group.id}`),
      new RegExp(`${tg}\\s+chat ${group.id}\\s+station\\.unbind\\s+T-AUDIT\\s+group ${group.id}$`),
      new RegExp(`${tg}\\s+chat ${group.id}\\s+station\\.bind\\s+T-AUDIT`),
      new RegExp(
        `${tg}\\s+chat ${group.id}\\s+station\\.unbind\\s+T-AUDIT\\s+group ${group.id}: bot removed from the group`,
      ),
      /bob\s+command line\s+people\.list\s+T-AUDIT\s+full names of 1 person/,
      new RegExp(`alice\\s+command line\\s+membership\\.revoke\\s+T-AUDIT\\s+${tg}: staff revoked`),
    ]
    // The warm-up user's /whoami, the dry run and the masked listing are not administrative acts.
    expect(rows).toHaveLength(expected.length)
    for (const [index, pattern] of expected.entries()) expect(rows[index]).toMatch(pattern)
    expect(audit.stdout.split('\n').at(-1)).toBe(`${expected.length} records`)
  })

  it('filters by actor, action, time and count, and refuses filters it cannot read', async () => {
    const byBob = await admin(['audit', '--actor', 'bob'])
    expect(auditRows(byBob.stdout)).toEqual([expect.stringMatching(/bob\s+command line\s+people\.list/)])

    const stations = auditRows((await admin(['audit', '--action', 'station'])).stdout)
    expect(stations.map((row) => /station\.\w+/.exec(row)?.[0])).toEqual([
      'station.bind',
      'station.unbind',
      'station.bind',
      'station.unbind',
    ])
    expect(auditRows((await admin(['audit', '--action', 'station.bind'])).stdout)).toHaveLength(2)

    const lastTwo = await admin(['audit', '--limit', '2'])
    expect(auditRows(lastTwo.stdout).map((row) => /(people\.list|membership\.revoke)/.exec(row)?.[0])).toEqual([
      'people.list',
      'membership.revoke',
    ])
    expect(lastTwo.stdout).toContain('2 records (the newest 2;')

    expect(auditRows((await admin(['audit', '--since', '1h'])).stdout)).toHaveLength(9)
    expect((await admin(['audit', '--since', '2999-01-01'])).stdout).toBe('No audit records match.')

    for (const [args, message] of [
      [['--since', 'yesterday'], /^error: --since yesterday: use a duration/],
      [['--since', '2026-02-30'], /^error: --since 2026-02-30: use a duration/],
      [['--action', 'delete'], /^error: --action delete: use one of station\.bind/],
      [['--limit', '0'], /^error: --limit 0: use a whole number from 1 to 10000/],
    ] as const) {
      const run = await admin(['audit', ...args])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(message)
    }
  })
})
