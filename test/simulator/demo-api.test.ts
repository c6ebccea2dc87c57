/**
 * The demo's JSON API (what the page of `npm run demo` talks to) over HTTP, with the demo itself running in this
 * process: its own database prepared as `npm run demo` prepares it, the Bot API server with the cast, the bot and
 * the workers, and the control behind the page (Reset, walk-through, admin panel, invites, languages, the map).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HttpServer, listen } from '../../src/http/server.ts'
import { createLogger } from '../../src/logging/logger.ts'
import { controlDemo, type RunningDemo } from '../../src/simulator/demo/control.ts'
import { demoDatabase } from '../../src/simulator/demo/demo-database.ts'
import { prepareDatabase, startWorld, type WorldOptions } from '../../src/simulator/demo/world.ts'
import { createDemoApi } from '../../src/simulator/web/api.ts'
import type { ChatJson } from '../../src/simulator/web/chat-json.ts'
import { ADMIN_URL, adminQuery } from '../support/postgres-admin.ts'
import { flushRedisPrefix, TEST_REDIS_URL } from '../support/redis.ts'
import { fileComplaint, WORDS } from './support/complaint-script.ts'
import { DemoApiPane, getJson, postJson } from './support/demo-api-pane.ts'
import { RECEIPT_PNG } from './support/demo-page.ts'

interface WorldJson {
  simulation: boolean
  bot: string
  personas: { key: string; name: string; role: { zh: string; en: string }; languageCode: string }[]
  panes: { key: string; chatId: number; persona: string; members: string[] }[]
}

const suffix = randomBytes(4).toString('hex')
const pageDir = mkdtempSync(join(tmpdir(), 'demo-api-page-'))
const options: WorldOptions = {
  database: demoDatabase({ DEMO_DATABASE: `grid_demo_api_${suffix}`, DEMO_ADMIN_DATABASE_URL: ADMIN_URL }),
  redisUrl: TEST_REDIS_URL,
  redisPrefix: `demo-api-${suffix}`,
  host: '127.0.0.1',
  logLevel: 'silent',
  log: createLogger({ level: 'silent' }),
}
let demo: RunningDemo
let server: HttpServer
let base: string
let world: WorldJson

beforeAll(async () => {
  writeFileSync(join(pageDir, 'index.html'), '<!doctype html><title>12315 模拟环境</title>')
  await prepareDatabase(options)
  demo = controlDemo(await startWorld(options), options, options.log)
  server = await listen(createDemoApi(demo.control, pageDir), 0, '127.0.0.1')
  base = `http://127.0.0.1:${server.port()}`
  world = await getJson<WorldJson>(`${base}/api/world`)
}, 120_000)

afterAll(async () => {
  await server?.close()
  await demo?.stop()
  rmSync(pageDir, { recursive: true, force: true })
  await adminQuery(`DROP DATABASE IF EXISTS ${options.database.name} WITH (FORCE)`)
  await adminQuery(`DROP DATABASE IF EXISTS ${options.database.name}_template WITH (FORCE)`)
  await flushRedisPrefix(`${options.redisPrefix}:`)
})

const paneOf = (key: string, as?: string): DemoApiPane => {
  const pane = world.panes.find((p) => p.key === key)
  if (!pane) throw new Error(`the demo has no pane ${key}`)
  return new DemoApiPane(base, pane.chatId, as ?? pane.persona)
}

describe('the world the page draws', () => {
  it('names the bot, the six people with their roles and languages, and the six chats in pane order', () => {
    expect(world).toMatchObject({ simulation: true, bot: 'grid12315_demo_bot' })
    expect(world.personas.map((p) => [p.key, p.languageCode])).toEqual([
      ['consumer', 'zh-hans'],
      ['liaison', 'zh-hans'],
      ['stationStaff', 'zh-hans'],
      ['officeStaff', 'zh-hans'],
      ['centerStaff', 'en'],
      ['admin', 'zh-hans'],
    ])
    expect(world.personas[0]).toMatchObject({ name: '王小明', role: { zh: '消费者', en: 'Consumer' } })
    expect(world.panes.map((p) => [p.key, p.persona, p.members])).toEqual([
      ['consumer', 'consumer', ['consumer']],
      ['liaison', 'liaison', ['liaison']],
      ['station', 'stationStaff', ['stationStaff']],
      ['office', 'officeStaff', ['officeStaff']],
      ['center', 'centerStaff', ['centerStaff', 'admin']],
      ['admin', 'admin', ['admin']],
    ])
  })

  it('serves the page itself next to its API', async () => {
    const res = await fetch(`${base}/`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('12315 模拟环境')
  })

  it('draws a group with its title and topics, and the command menu in the reader’s language', async () => {
    const center = await paneOf('center').chat('en')
    expect(center).toMatchObject({ type: 'supergroup', title: '东坡区12315中心', forum: true, replyKeyboard: null })
    expect(center.commands.map((c) => c.command)).toContain('stats')
    expect(center.commands.find((c) => c.command === 'stats')?.description).toMatch(/[a-z]/)
    const consumer = await paneOf('consumer').chat('zh-hans')
    expect(consumer).toMatchObject({ type: 'private', title: '王小明', forum: false })
    expect(consumer.commands.find((c) => c.command === 'start')?.description).toBe('打开主菜单')
  })

  it('answers 404 for a chat that does not exist', async () => {
    const res = await fetch(`${base}/api/chats/12345`)
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: 'no such chat' })
  })
})

describe('acting as a person', () => {
  it('sends a text and shows the bot’s answer in the chat', async () => {
    const consumer = paneOf('consumer')
    const sent = await consumer.act({ kind: 'text', text: '/start' })
    expect(sent).toMatchObject({ status: 200, body: { message: { text: '/start', from: { first_name: '王小明' } } } })
    await consumer.waitFor('请选择您要办理的事项')
    const chat = await consumer.chat()
    expect(chat.messages[0]).toMatchObject({ fromBot: false, from: { name: '王小明' }, deleted: false, edited: false })
  })

  it('blocks and unblocks the bot in a private chat, as a client does, and the bot knows at once; a group cannot', async () => {
    const consumer = paneOf('consumer')
    const consumerId = world.panes.find((p) => p.key === 'consumer')?.chatId ?? 0
    const reachable = async () => {
      const client = new pg.Client({ connectionString: options.database.url })
      await client.connect()
      try {
        const { rows } = await client.query('SELECT reachable FROM person WHERE telegram_id = $1', [consumerId])
        return (rows[0] as { reachable: boolean } | undefined)?.reachable
      } finally {
        await client.end()
      }
    }
    await consumer.send('/start')
    await consumer.waitFor('请选择您要办理的事项')
    expect((await consumer.act({ kind: 'block' })).body).toEqual({ blockedBot: true })
    expect((await consumer.chat()).blockedBot).toBe(true)
    await expect.poll(reachable, { timeout: 15_000 }).toBe(false)
    expect((await consumer.act({ kind: 'unblock' })).body).toEqual({ blockedBot: false })
    expect((await consumer.chat()).blockedBot).toBe(false)
    await expect.poll(reachable, { timeout: 15_000 }).toBe(true)
    const group = await paneOf('station').act({ kind: 'block' })
    expect(group).toEqual({ status: 400, body: { error: 'only a private chat can block the bot' } })
  })

  it('shares the person’s contact and a location', async () => {
    const liaison = paneOf('liaison')
    expect((await liaison.act({ kind: 'contact' })).body).toMatchObject({
      message: { contact: { phone_number: '+8613800000002', first_name: '李网格' } },
    })
    expect((await liaison.act({ kind: 'location', latitude: 30.046, longitude: 103.841 })).body).toMatchObject({
      message: { location: { latitude: 30.046, longitude: 103.841 } },
    })
  })

  it('uploads a document that can then be opened under its name and type', async () => {
    const liaison = paneOf('liaison')
    const pdf = Buffer.from('%PDF-1.4 调解协议')
    const { body } = await liaison.act({
      kind: 'document',
      fileName: '调解协议.pdf',
      mimeType: 'application/pdf',
      base64: pdf.toString('base64'),
      caption: '协议',
    })
    const document = (body.message as { document: { file_id: string }; caption: string }).document
    expect(body.message).toMatchObject({ caption: '协议', document: { file_name: '调解协议.pdf' } })
    const res = await fetch(`${base}/api/files/${document.file_id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent('调解协议.pdf')}`,
    )
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf)
    expect((await fetch(`${base}/api/files/no-such-file`)).status).toBe(404)
  })

  it('writes in a group as one of its members, and refuses a topic that does not exist', async () => {
    const center = paneOf('center', 'admin')
    const note = await center.act({ kind: 'text', text: '值班记录' })
    expect(note.body).toMatchObject({ message: { text: '值班记录', from: { first_name: '赵管理' } } })
    const photo = await center.act({
      kind: 'photo',
      fileName: 'x.png',
      mimeType: 'image/png',
      base64: '',
      threadId: 9999,
    })
    expect(photo).toEqual({ status: 400, body: { error: expect.stringMatching(/^topic 9999 does not exist/) } })
  })

  it('answers a press of a message that does not exist with no answer', async () => {
    expect((await paneOf('consumer').act({ kind: 'press', messageId: 99_999, data: 'x' })).body).toEqual({
      answer: null,
    })
  })

  it('refuses what the page would never send: bad JSON, unknown people, empty texts, strangers’ chats', async () => {
    const consumer = paneOf('consumer')
    const act = `${base}/api/chats/${consumer.chatId}/act`
    expect((await postJson(act, '{not json')).status).toBe(400)
    expect((await postJson(act, { as: 'mayor', kind: 'text', text: 'hi' })).status).toBe(400)
    const empty = await postJson(act, { as: 'consumer', kind: 'text', text: '' })
    expect(empty).toMatchObject({ status: 400, body: { error: expect.stringMatching(/too small/i) } })
    const stranger = { status: 403, body: { error: 'this person is not in that chat' } }
    expect(await paneOf('liaison', 'consumer').act({ kind: 'text', text: 'hi' })).toEqual(stranger)
    expect(await paneOf('station', 'consumer').act({ kind: 'text', text: 'hi' })).toEqual(stranger)
    const reply = await consumer.act({ kind: 'text', text: 'hi', replyTo: 99_999 })
    expect(reply).toEqual({ status: 400, body: { error: `message 99999 does not exist in chat ${consumer.chatId}` } })
  })
})

describe('the walk-through and the admin panel', () => {
  it('ticks "filed" and "local" as a complaint is filed through the page and the station mediates it', async () => {
    const empty = await getJson<{ trackingNumber: string | null; done: Record<string, boolean> }>(
      `${base}/api/walkthrough`,
    )
    expect(empty.trackingNumber).toBeNull()
    expect(Object.values(empty.done).every((done) => !done)).toBe(true)

    await fileComplaintThroughApi(paneOf('consumer'))
    const station = paneOf('station')
    await station.waitFor('📋 MS-')
    await station.tap('🤝 就地调解')
    await paneOf('consumer').waitFor(/您的投诉 MS-\S+：就地调解中/)
    const steps = await getJson<{ trackingNumber: string; status: string; done: Record<string, boolean> }>(
      `${base}/api/walkthrough`,
    )
    expect(steps).toMatchObject({
      trackingNumber: expect.stringMatching(/^MS-\d{8}-\d{4}$/),
      status: 'LOCAL_MEDIATION',
    })
    expect(Object.entries(steps.done).flatMap(([step, done]) => (done ? [step] : []))).toEqual(['filed', 'local'])
  }, 120_000)

  it('lists the stations with what they cover and who is bound, the queues, and the invites made', async () => {
    const refused = await postJson(`${base}/api/admin/invites`, {
      role: 'STAFF',
      stationCode: 'NO-SUCH',
      gridCodes: [],
    })
    expect(refused).toMatchObject({ status: 200, body: { ok: false, reason: 'UNKNOWN_STATION' } })
    const made = await postJson(`${base}/api/admin/invites`, {
      role: 'STAFF',
      stationCode: 'DP-TONGHUI',
      gridCodes: [],
    })
    expect(made).toMatchObject({ status: 200, body: { ok: true, code: expect.any(String) } })
    expect(await postJson(`${base}/api/admin/invites`, { role: 'MAYOR' })).toEqual({
      status: 400,
      body: { ok: false, reason: 'INVALID_INPUT' },
    })
    const admin = await getJson<{
      stations: { code: string; bound: boolean; coverage: string[]; members: number }[]
      queues: Record<string, Record<string, number>>
      invites: { code: string; role: string; station: string; redeemed: boolean }[]
    }>(`${base}/api/admin`)
    expect(admin.stations.find((s) => s.code === 'DP-TONGHUI')).toMatchObject({ bound: true, members: 2 })
    expect(admin.stations.find((s) => s.code === 'DP-TONGHUI')?.coverage.length).toBeGreaterThan(0)
    expect(admin.stations.filter((s) => s.bound).map((s) => s.code)).toEqual([
      'DP-12315',
      'DP-SJS-TONGHUI',
      'DP-TONGHUI',
    ])
    expect(Object.keys(admin.queues)).toEqual(['route', 'notify'])
    expect(admin.queues.route).toEqual({
      waiting: expect.any(Number),
      active: expect.any(Number),
      delayed: expect.any(Number),
      failed: 0,
    })
    expect(admin.invites).toEqual([
      expect.objectContaining({ code: made.body.code, role: 'STAFF', station: 'DP-TONGHUI', redeemed: false }),
    ])
  })

  it('gives the map the city’s areas with their coordinates', async () => {
    const { areas } = await getJson<{ areas: { code: string; level: string; latitude: number }[] }>(`${base}/api/map`)
    expect(areas.length).toBeGreaterThan(10)
    expect(areas.every((a) => a.code.startsWith('5114') && typeof a.latitude === 'number')).toBe(true)
    expect(areas.find((a) => a.code === '511402001001')).toMatchObject({ level: 'COMMUNITY' })
  })
})

describe('languages and live updates', () => {
  it('switches the language a person speaks to the bot, and refuses an unknown one', async () => {
    const answer = await postJson(`${base}/api/personas/liaison/language`, { languageCode: 'en' })
    expect(answer).toEqual({ status: 200, body: { ok: true } })
    const after = await getJson<WorldJson>(`${base}/api/world`)
    expect(after.personas.find((p) => p.key === 'liaison')?.languageCode).toBe('en')
    await paneOf('liaison').send('/start')
    await paneOf('liaison').waitFor('What would you like to do?')
    expect((await postJson(`${base}/api/personas/liaison/language`, { languageCode: 'fr' })).status).toBe(400)
    expect((await postJson(`${base}/api/personas/mayor/language`, { languageCode: 'en' })).status).toBe(400)
  })

  it('announces over Server-Sent Events which chats changed', async () => {
    const abort = new AbortController()
    const res = await fetch(`${base}/api/events`, { signal: abort.signal })
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const events = readEvents(res)
    try {
      const first = await events.next()
      expect(first).toMatchObject({ event: 'chats' })
      expect(first.ids).toEqual(expect.arrayContaining(world.panes.map((p) => p.chatId)))
      const office = paneOf('office')
      await office.send('/whoami')
      let next = await events.next()
      while (!next.ids.includes(office.chatId)) next = await events.next()
      expect(next.event).toBe('chats')
    } finally {
      abort.abort()
    }
  })
})

describe('Reset', () => {
  it('puts every chat, the database and the languages back to the start, once for two presses', async () => {
    const [one, two] = await Promise.all([postJson(`${base}/api/reset`, {}), postJson(`${base}/api/reset`, {})])
    expect(one).toMatchObject({ status: 200, body: { ms: expect.any(Number) } })
    expect(two.body.ms).toBe(one.body.ms)
    world = await getJson<WorldJson>(`${base}/api/world`)
    expect(world.personas.find((p) => p.key === 'liaison')?.languageCode).toBe('zh-hans')
    for (const pane of world.panes) {
      const chat: ChatJson = await paneOf(pane.key).chat()
      expect(
        chat.messages.filter((m) => !m.fromBot || /MS-/.test(m.message.text ?? '')),
        pane.key,
      ).toEqual([])
    }
    expect((await getJson<{ trackingNumber: string | null }>(`${base}/api/walkthrough`)).trackingNumber).toBeNull()
    expect((await getJson<{ invites: unknown[] }>(`${base}/api/admin`)).invites).toEqual([])
    await paneOf('liaison').send('/start')
    await paneOf('liaison').waitFor('请选择您要办理的事项')
  }, 60_000)
})

/** The milk complaint of the walk-through, answered in Chinese through the page's API (receipt photo included). */
async function fileComplaintThroughApi(consumer: DemoApiPane): Promise<void> {
  const w = WORDS.zh
  await fileComplaint(consumer, w, {
    async shareLocation() {
      await consumer.act({ kind: 'location', latitude: 30.046, longitude: 103.841 })
    },
    async attachEvidence() {
      const receipt = await consumer.act({
        kind: 'photo',
        fileName: 'r.png',
        mimeType: 'image/png',
        base64: RECEIPT_PNG.toString('base64'),
      })
      await consumer.waitFor(w.received)
      await expectPhotoServed(receipt.body)
    },
  })
}

/** The page shows a photo from its largest size: served as Telegram serves photos (JPEG), byte for byte. */
async function expectPhotoServed(sent: Record<string, unknown>): Promise<void> {
  const sizes = (sent.message as { photo: { file_id: string }[] }).photo
  const res = await fetch(`${base}/api/files/${sizes.at(-1)?.file_id}`)
  expect(res.headers.get('content-type')).toBe('image/jpeg')
  expect(Buffer.from(await res.arrayBuffer())).toEqual(RECEIPT_PNG)
}

/** Reads a Server-Sent Events stream one `chats` (or other) event at a time. */
function readEvents(res: Response): { next(): Promise<{ event: string; ids: number[] }> } {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffered = ''
  return {
    async next() {
      for (;;) {
        const end = buffered.indexOf('\n\n')
        if (end !== -1) {
          const block = buffered.slice(0, end)
          buffered = buffered.slice(end + 2)
          const field = (name: string) => block.match(new RegExp(`^${name}: ?(.*)$`, 'm'))?.[1]
          const data = field('data') ?? ''
          return { event: field('event') ?? 'message', ids: data ? (JSON.parse(data) as number[]) : [] }
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('the event stream ended')
        buffered += value
      }
    },
  }
}

describe('where the demo keeps its database', () => {
  it('uses grid12315_demo on the local server unless told otherwise, and refuses a name that needs quoting', () => {
    expect(demoDatabase({})).toEqual({
      name: 'grid12315_demo',
      url: 'postgresql://postgres@127.0.0.1:5432/grid12315_demo',
      adminUrl: 'postgresql://postgres@127.0.0.1:5432/postgres',
    })
    expect(() => demoDatabase({ DEMO_DATABASE: 'Demo-DB' })).toThrow(
      'DEMO_DATABASE=Demo-DB: use lower-case letters, digits and _',
    )
  })
})
