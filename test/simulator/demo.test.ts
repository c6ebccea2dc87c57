/**
 * `npm run demo` as a child process (its own port, database and Redis prefix), driven in headless Chromium: the
 * walk-through in zh-CN and in English, Reset, and a chat of 500 messages. Screenshots go to test/artifacts/.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deletePrefix } from '../../src/simulator/demo/world.ts'
import { adminQuery } from '../support/postgres-admin.ts'
import { TEST_REDIS_URL } from '../support/redis.ts'
import { launchChromium, openDemo, PaneDriver, RECEIPT_PNG } from './support/demo-page.ts'

let child: ChildProcess
let output = ''
let url: string
let startupMs: number
let browser: Browser
const suffix = randomBytes(4).toString('hex')
const database = `grid_demo_test_${suffix}`

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function answers(address: string): Promise<boolean> {
  return fetch(address).then(
    (r) => r.ok,
    () => false,
  )
}

beforeAll(async () => {
  const port = await freePort()
  url = `http://127.0.0.1:${port}/`
  const started = Date.now()
  child = spawn('npm', ['run', 'demo'], {
    env: {
      ...process.env,
      DEMO_PORT: String(port),
      DEMO_DATABASE: database,
      DEMO_REDIS_PREFIX: `demo-test-${suffix}`,
      REDIS_URL: TEST_REDIS_URL,
      BOT_TOKEN: '',
      TELEGRAM_API_ROOT: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() - started > 90_000)
      throw new Error(`npm run demo did not answer ${url}:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  startupMs = Date.now() - started
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    process.kill(-child.pid, 'SIGINT')
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
    if (child.exitCode === null)
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {
        /* already gone */
      }
    expect(output).toContain('stopped cleanly')
  }
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)
  await adminQuery(`DROP DATABASE IF EXISTS ${database}_template WITH (FORCE)`)
  await deletePrefix(TEST_REDIS_URL, `demo-test-${suffix}`)
})

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1800, height: 1000 } })
  await openDemo(page, url)
  return page
}

async function reset(page: Page): Promise<void> {
  await page.locator('[data-action=reset]').click()
  await page.locator('#toast', { hasText: /已重置|Reset done/ }).waitFor({ timeout: 30_000 })
  await page.locator('body[data-ready="1"]').waitFor()
}

describe('npm run demo', () => {
  it('answers on its address within 60 s, says so, and binds to 127.0.0.1', () => {
    expect(startupMs, output).toBeLessThan(60_000)
    expect(output).toMatch(/ready: http:\/\/127\.0\.0\.1:\d+/)
  })

  it('shows on every page that it is a simulation', async () => {
    const page = await newPage()
    await expect.poll(() => page.locator('[data-testid=simulation-banner]').innerText()).toContain('模拟环境')
    await page.close()
  })
})

describe('the walk-through in the browser', () => {
  it('goes from filing (photo, shared location) to mediation, the steps ticking themselves off', async () => {
    const page = await newPage()
    const consumer = new PaneDriver(page, 'consumer')
    const liaison = new PaneDriver(page, 'liaison')
    const station = new PaneDriver(page, 'station')
    const office = new PaneDriver(page, 'office')
    await page.locator('[data-action=walkthrough]').click()

    await consumer.send('/start')
    await consumer.tap('📝 投诉')
    await consumer.waitFor('商家叫什么名字')
    await consumer.send('好又多超市')
    await consumer.waitFor('商家在哪里')
    await consumer.tapReplyKeyboard('📍')
    await page.locator('[data-pane=consumer] [data-testid=places] button', { hasText: '诗书社区' }).click()
    await consumer.waitFor('📍 30.0460, 103.8410')
    await consumer.waitFor('商家位置：东坡区 › 通惠街道 › 诗书社区')
    await consumer.waitFor('详细地址')
    await consumer.send('东坡区诗书路1号')
    await consumer.waitFor('请先选择大类')
    for (const label of ['商品', '食品', '预包装食品']) await consumer.tap(label)
    await consumer.waitFor('生活消费')
    await consumer.tap('✅ 是，为生活消费')
    await consumer.waitFor('哪一天')
    await consumer.send('2026-11-20')
    await consumer.waitFor('涉及金额')
    await consumer.send('¥120.50')
    await consumer.waitFor('事情经过')
    await consumer.send('买到的牛奶已经过期了三天，商家拒绝退货。')
    await consumer.waitFor('希望商家怎么做')
    await consumer.tap('退还货款或服务费')
    await consumer.tap('✅ 完成')
    await consumer.waitFor('证据')
    await consumer.upload({ name: 'receipt.png', mimeType: 'image/png', buffer: RECEIPT_PNG })
    await consumer.waitFor('已收到 1/9')
    await expect.poll(() => page.locator('[data-pane=consumer] .msg img').count()).toBeGreaterThan(0)
    await consumer.tap('✅ 完成')
    await consumer.waitFor('真实姓名')
    await consumer.send('王小明')
    await consumer.waitFor('联系电话')
    await consumer.send('13812345678')
    await consumer.waitFor('通讯地址')
    await consumer.send('东坡区苏祠路8号2单元301')
    await consumer.waitFor('身份证件类型')
    await consumer.tap('居民身份证')
    await consumer.waitFor('请输入您的居民身份证号码')
    await consumer.send('511402199001011235')
    await consumer.waitFor('请核对您的投诉')
    await consumer.tap('✅ 确认提交')
    await consumer.waitFor('投诉已提交')

    await station.waitFor('📋 MS-')
    await station.tap('🤝 就地调解')
    await station.waitFor('就地调解中')
    await station.tap('⬆️ 上报')
    await station.reply('的理由', '商家拒绝协商，需要市场监管所处理。')
    await station.waitFor('已上报')
    await office.tap('✅ 受理')
    await office.waitFor('状态：已受理')
    await office.tap('🤝 开始调解')
    await office.waitFor('状态：调解中')
    await consumer.waitFor('已受理')

    await expect.poll(() => page.locator('[data-step=mediating][data-done=true]').count(), { timeout: 10_000 }).toBe(1)
    for (const step of ['filed', 'local', 'escalated', 'accepted']) {
      expect(await page.locator(`[data-step=${step}]`).getAttribute('data-done')).toBe('true')
    }
    for (const pane of [consumer, liaison, station, office, new PaneDriver(page, 'center')])
      await pane.screenshot(`walkthrough-zh-${pane.key}`)
    await page.close()
  }, 240_000)

  it('runs in English too: the page and the consumer', async () => {
    const page = await newPage()
    await reset(page)
    await page.locator('[data-action=ui-language]').click()
    await expect.poll(() => page.locator('[data-testid=simulation-banner]').innerText()).toContain('Simulation')
    const consumer = new PaneDriver(page, 'consumer')
    await consumer.send('/start')
    await consumer.tap('🌐 Language / 语言')
    await consumer.tap('English')
    await consumer.send('/start')
    await consumer.tap('📝 File a complaint')
    await consumer.waitFor(/business/i)
    await consumer.screenshot('walkthrough-en-consumer')
    await page.close()
  }, 120_000)
})

describe('the training sandbox', () => {
  it('Reset returns the database and every chat to the initial state', async () => {
    const page = await newPage()
    const consumer = new PaneDriver(page, 'consumer')
    await consumer.send('/start')
    await expect.poll(() => consumer.count(), { timeout: 20_000 }).toBeGreaterThan(1)
    await reset(page)
    expect(await consumer.count()).toBe(0)
    const state = (await (await fetch(`${url}api/walkthrough`)).json()) as { trackingNumber: string | null }
    expect(state.trackingNumber).toBeNull()
    // The consumer is new again: the first greeting, in Chinese, with no unfinished form to continue.
    await consumer.send('/start')
    await consumer.waitFor('请选择您要办理的事项')
    expect(await page.locator('[data-pane=consumer] .ikb button', { hasText: '▶️' }).count()).toBe(0)
    await page.close()
  }, 120_000)

  it('keeps up with 500 messages in a chat without losing any', async () => {
    const page = await newPage()
    await reset(page)
    const center = new PaneDriver(page, 'center')
    const chatId = Number(
      await page.evaluate(async () => {
        const world = (await (await fetch('/api/world')).json()) as { panes: { key: string; chatId: number }[] }
        return world.panes.find((p) => p.key === 'center')!.chatId
      }),
    )
    for (let i = 1; i <= 500; i++) {
      await fetch(`${url}api/chats/${chatId}/act`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ as: 'centerStaff', kind: 'text', text: `note ${i}` }),
      })
    }
    await expect.poll(() => center.count(), { timeout: 30_000 }).toBe(500)
    const texts = await page.locator('[data-pane=center] .msg .text').allInnerTexts()
    expect(new Set(texts).size).toBe(500)
    await page.close()
  }, 120_000)
})
