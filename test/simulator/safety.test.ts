import { describe, expect, it } from 'vitest'
import { DEMO_BOT_TOKEN, demoHost, realTelegramReason } from '../../src/simulator/demo/safety.ts'

describe('the demo refuses real Telegram', () => {
  it('refuses api.telegram.org and a token shaped like one from @BotFather', () => {
    expect(realTelegramReason({ TELEGRAM_API_ROOT: 'https://api.telegram.org' })).toMatch(/real Telegram/)
    expect(realTelegramReason({ BOT_TOKEN: `123456789:AA${'x'.repeat(33)}` })).toMatch(/real token/)
  })

  it('accepts a local Bot API root, its own token and nothing at all', () => {
    expect(
      realTelegramReason({ TELEGRAM_API_ROOT: 'http://127.0.0.1:8081', BOT_TOKEN: DEMO_BOT_TOKEN }),
    ).toBeUndefined()
    expect(realTelegramReason({})).toBeUndefined()
  })

  it('binds to 127.0.0.1 unless told otherwise', () => {
    expect(demoHost({})).toBe('127.0.0.1')
    expect(demoHost({ DEMO_HOST: '0.0.0.0' })).toBe('0.0.0.0')
  })
})
