import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const valid = {
  BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc',
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/grid',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ID_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
}

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems]
    throw error
  }
  return []
}

describe('configuration', () => {
  it('loads a valid environment with defaults filled in', () => {
    const config = loadConfig(valid)
    expect(config).toMatchObject({
      ROLE: 'all',
      BOT_MODE: 'polling',
      DEFAULT_LOCALE: 'zh-CN',
      HTTP_PORT: 3000,
      LOG_LEVEL: 'info',
      LOCAL_TARGET_WORKING_DAYS: 10,
    })
  })

  it('accepts a webhook setup with a long enough secret', () => {
    const config = loadConfig({
      ...valid,
      BOT_MODE: 'webhook',
      WEBHOOK_URL: 'https://bot.example.org',
      WEBHOOK_SECRET: 'a'.repeat(16),
    })
    expect(config.BOT_MODE).toBe('webhook')
  })

  it.each([
    ['BOT_TOKEN', { BOT_TOKEN: 'not-a-token' }],
    ['TELEGRAM_API_ROOT', { TELEGRAM_API_ROOT: 'ftp://example.org' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/db' }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost' }],
    ['ROLE', { ROLE: 'everything' }],
    ['BOT_MODE', { BOT_MODE: 'carrier-pigeon' }],
    ['DEFAULT_LOCALE', { DEFAULT_LOCALE: 'fr' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['HTTP_PORT', { HTTP_PORT: '70000' }],
    ['LOCAL_TARGET_WORKING_DAYS', { LOCAL_TARGET_WORKING_DAYS: '0' }],
    ['WEBHOOK_SECRET', { BOT_MODE: 'webhook', WEBHOOK_URL: 'https://bot.example.org', WEBHOOK_SECRET: 'short' }],
    ['WEBHOOK_URL', { BOT_MODE: 'webhook', WEBHOOK_SECRET: 'a'.repeat(20) }],
    ['ID_ENCRYPTION_KEY', { ID_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') }],
    ['ID_ENCRYPTION_KEY', { ID_ENCRYPTION_KEY: 'not base64 at all!' }],
  ])('rejects an invalid %s and names it', (name, override) => {
    const problems = problemsOf({ ...valid, ...override })
    expect(problems.some((problem) => problem.startsWith(`${name} `))).toBe(true)
  })

  it('names every missing variable in one message', () => {
    const problems = problemsOf({})
    expect(problems.join('\n')).toContain('BOT_TOKEN')
    expect(problems.join('\n')).toContain('DATABASE_URL')
    expect(problems.join('\n')).toContain('ID_ENCRYPTION_KEY')
  })

  it('makes the process exit with code 1 and no stack trace', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, BOT_TOKEN: 'bad', DATABASE_URL: 'postgresql://x@127.0.0.1/y', ROLE: 'nobody' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('BOT_TOKEN')
    expect(result.stderr).toContain('ROLE')
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
