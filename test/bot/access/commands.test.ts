import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RuntimeInProcess, startRuntimeInProcess } from '../../support/runtime-in-process.ts'

let harness: RuntimeInProcess
beforeAll(async () => {
  harness = await startRuntimeInProcess()
})
afterAll(async () => {
  await harness.close()
})

const names = (commands: { command: string }[] | undefined) => commands?.map((c) => c.command)

describe('the command menus Telegram shows', () => {
  it('lists the consumer commands in private chats, in Chinese by default and in English for English clients', () => {
    const scope = { type: 'all_private_chats' } as const
    const chinese = harness.tg.commands({ scope })
    const english = harness.tg.commands({ scope, languageCode: 'en' })
    expect(names(chinese)).toEqual([
      'start',
      'my',
      'subscribe',
      'subscriptions',
      'warnings',
      'warn',
      'language',
      'help',
      'cancel',
      'whoami',
    ])
    expect(names(english)).toEqual(names(chinese))
    expect(chinese?.find((c) => c.command === 'whoami')?.description).toBe('查看我的身份和权限')
    expect(chinese?.find((c) => c.command === 'subscribe')?.description).toMatch(/消费(提示|警示)/)
    expect(english?.find((c) => c.command === 'whoami')?.description).toBe('Show who I am and what I may do')
  })

  it('lists the station commands in groups', () => {
    const scope = { type: 'all_group_chats' } as const
    expect(names(harness.tg.commands({ scope }))).toEqual([
      'bind',
      'unbind',
      'whoami',
      'stats',
      'summary',
      'export',
      'due',
      'pause',
      'resume',
    ])
    expect(harness.tg.commands({ scope, languageCode: 'en' })?.[0]).toEqual({
      command: 'bind',
      description: "Make this group a station's ticket chat",
    })
    expect(harness.tg.commands({ scope, languageCode: 'zh' })?.[0]?.description).toBe('把本群绑定为站点的工单群')
  })

  it('gives every command a description in every language', () => {
    for (const type of ['all_private_chats', 'all_group_chats'] as const) {
      for (const languageCode of [undefined, 'zh', 'en']) {
        for (const { command, description } of harness.tg.commands({ scope: { type }, languageCode }) ?? []) {
          expect(description, `${type} ${languageCode} /${command}`).toMatch(/^[^.:]\S.{1,254}$/)
          expect(description).not.toContain('commands.')
        }
      }
    }
  })
})
