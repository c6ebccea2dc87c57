import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.ts'

const runLocalEnv = (file: string) => execFileSync('npx', ['tsx', 'src/admin/local-env.ts', file], { encoding: 'utf8' })
const keyIn = (file: string) => /^ID_ENCRYPTION_KEY=(.*)$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? ''

describe('start:local on a fresh machine', () => {
  it('gives the copied .env a usable ID_ENCRYPTION_KEY once and keeps it on the next start', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'local-env-')), '.env')
    writeFileSync(file, readFileSync('.env.example', 'utf8'))
    expect(runLocalEnv(file)).toContain('generated a local ID_ENCRYPTION_KEY')
    const key = keyIn(file)
    expect(Buffer.from(key, 'base64')).toHaveLength(32)
    expect(() =>
      loadConfig({
        BOT_TOKEN: '123456789:AAH-local-token_for_the_test_0123456789',
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
        ID_ENCRYPTION_KEY: key,
      }),
    ).not.toThrow()
    expect(runLocalEnv(file)).toBe('')
    expect(keyIn(file)).toBe(key)
  })
})
