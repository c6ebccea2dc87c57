/**
 * The page's interface to the simulation: read chats, act as a person (send, tap, share, upload, block the bot),
 * download files,
 * follow every change over Server-Sent Events, Reset, the walk-through, the admin panel and the map's areas.
 */
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { MemberRole } from '../../generated/prisma/enums.ts'
import type { TestGroup } from '../bot-api/test-group.ts'
import type { TestUser } from '../bot-api/test-user.ts'
import { castMember, GROUPS, PERSONAS, type PersonaKey } from '../demo/cast.ts'
import type { AdminView, MapArea, Walkthrough } from '../demo/sandbox.ts'
import type { World } from '../demo/world.ts'
import { chatJson, chatSignature } from './chat-json.ts'

export interface DemoControl {
  world(): World
  /** Puts everything back to the initial state; resolves with how long it took (ms). */
  reset(): Promise<number>
  walkthrough(): Promise<Walkthrough>
  admin(): Promise<AdminView>
  createInvite(input: {
    role: MemberRole
    stationCode: string
    gridCodes: string[]
  }): Promise<{ ok: boolean; code?: string; reason?: string }>
  /** The city's areas with coordinates, for the map of "share location". */
  mapAreas(): Promise<MapArea[]>
  /** The language a person speaks to the bot (as /language would store it). */
  setLanguage(key: PersonaKey, languageCode: 'zh-hans' | 'en'): Promise<void>
  /** Called on every change of the simulated Telegram world, including after a Reset. */
  subscribe(listener: () => void): () => void
}

const action = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string().min(1).max(4096),
    replyTo: z.number().int().optional(),
    threadId: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('press'), messageId: z.number().int(), data: z.string().max(64) }),
  z.object({ kind: z.literal('contact') }),
  /** Block or unblock the bot in the person's private chat, as a Telegram client does (my_chat_member). */
  z.object({ kind: z.enum(['block', 'unblock']) }),
  z.object({
    kind: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  z.object({
    kind: z.enum(['photo', 'document']),
    fileName: z.string().max(200),
    mimeType: z.string().max(100),
    base64: z.string().max(15_000_000),
    caption: z.string().max(1024).optional(),
    threadId: z.number().int().optional(),
  }),
])
const acting = z.object({ as: z.enum(PERSONAS.map((p) => p.key) as [PersonaKey, ...PersonaKey[]]) }).and(action)

const DEMO_PHONE: Record<PersonaKey, string> = {
  consumer: '+8613800000001',
  liaison: '+8613800000002',
  stationStaff: '+8613800000003',
  officeStaff: '+8613800000004',
  centerStaff: '+8613800000005',
  admin: '+8613800000006',
}

/** The chats the page shows, in pane order. */
function panes(world: World) {
  const privateOf = (key: PersonaKey) => ({
    key,
    chatId: castMember(world.cast.users, key).id,
    persona: key,
    members: [key],
  })
  return [
    privateOf('consumer'),
    privateOf('liaison'),
    ...GROUPS.map((g) => ({
      key: g.key,
      chatId: castMember(world.cast.groups, g.key).id,
      persona: g.members[0],
      members: g.members,
    })),
    privateOf('admin'),
  ]
}

export function createDemoApi(control: DemoControl, pageDir: string): Hono {
  const app = new Hono()
  app.get('/api/world', (c) => {
    const world = control.world()
    return c.json({
      simulation: true,
      bot: world.tg.botInfo.username,
      personas: PERSONAS.map((p) => ({
        key: p.key,
        name: p.firstName,
        role: p.role,
        languageCode: castMember(world.cast.users, p.key).user.language_code ?? p.languageCode,
      })),
      panes: panes(world),
    })
  })
  app.get('/api/chats/:chatId', (c) => {
    const world = control.world()
    const chat = world.tg.chat(Number(c.req.param('chatId')))
    if (!chat) return c.json({ error: 'no such chat' }, 404)
    return c.json(chatJson(world.tg.state, chat, c.req.query('lang')))
  })
  app.post('/api/chats/:chatId/act', async (c) => {
    const parsed = acting.safeParse(await c.req.json().catch(() => undefined))
    if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => i.message).join('; ') }, 400)
    const world = control.world()
    const chatId = Number(c.req.param('chatId'))
    const user = castMember(world.cast.users, parsed.data.as)
    const group = [...world.cast.groups.values()].find((g) => g.id === chatId)
    const inChat = group ? world.tg.chat(chatId)?.members.has(user.id) === true : chatId === user.id
    if (!inChat) return c.json({ error: 'this person is not in that chat' }, 403)
    try {
      return c.json(await act(user, group, parsed.data))
    } catch (error) {
      return c.json({ error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 400)
    }
  })
  app.post('/api/personas/:key/language', async (c) => {
    const body = z
      .object({ languageCode: z.enum(['zh-hans', 'en']) })
      .safeParse(await c.req.json().catch(() => undefined))
    const key = c.req.param('key') as PersonaKey
    if (!body.success || !control.world().cast.users.has(key))
      return c.json({ error: 'unknown person or language' }, 400)
    await control.setLanguage(key, body.data.languageCode)
    return c.json({ ok: true })
  })
  app.get('/api/files/:fileId', (c) => {
    const file = control.world().tg.file(c.req.param('fileId'))
    if (!file?.bytes) return c.json({ error: 'no such file' }, 404)
    const type = file.mimeType ?? (file.kind === 'photo' ? 'image/jpeg' : 'application/octet-stream')
    const headers: Record<string, string> = { 'content-type': type }
    if (file.fileName) headers['content-disposition'] = `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`
    return c.body(new Uint8Array(file.bytes), 200, headers)
  })
  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const sent = new Map<number, string>()
      let timer: NodeJS.Timeout | undefined
      const flush = () => {
        timer = undefined
        const changed: number[] = []
        for (const chat of control.world().tg.state.chats.all()) {
          const signature = chatSignature(chat)
          if (sent.get(chat.chat.id) !== signature) changed.push(chat.chat.id)
          sent.set(chat.chat.id, signature)
        }
        if (changed.length > 0) void stream.writeSSE({ event: 'chats', data: JSON.stringify(changed) })
      }
      const unsubscribe = control.subscribe(() => {
        timer ??= setTimeout(flush, 40)
      })
      flush()
      stream.onAbort(() => {
        unsubscribe()
        if (timer) clearTimeout(timer)
      })
      while (!stream.aborted) await stream.sleep(15_000).then(() => stream.writeSSE({ event: 'ping', data: '' }))
    }),
  )
  app.get('/api/map', async (c) => c.json({ areas: await control.mapAreas() }))
  app.post('/api/reset', async (c) => c.json({ ms: await control.reset() }))
  app.get('/api/walkthrough', async (c) => c.json(await control.walkthrough()))
  app.get('/api/admin', async (c) => c.json(await control.admin()))
  app.post('/api/admin/invites', async (c) => {
    const body = z
      .object({
        role: z.enum(['STAFF', 'LIAISON', 'ADMIN']),
        stationCode: z.string().min(1).max(40),
        gridCodes: z.array(z.string().max(40)).max(20),
      })
      .safeParse(await c.req.json().catch(() => undefined))
    if (!body.success) return c.json({ ok: false, reason: 'INVALID_INPUT' }, 400)
    return c.json(await control.createInvite(body.data))
  })
  app.use('/*', serveStatic({ root: pageDir }))
  return app
}

async function act(user: TestUser, group: TestGroup | undefined, a: z.infer<typeof acting>): Promise<unknown> {
  switch (a.kind) {
    case 'text':
      return group
        ? { message: await user.sendInGroup(group, a.text, { replyTo: a.replyTo, threadId: a.threadId }) }
        : { message: await user.send(a.text, { replyTo: a.replyTo }) }
    case 'press': {
      const answer = await user
        .pressData(a.messageId, a.data, { ...(group ? { in: group } : {}), timeout: 15_000 })
        .catch(() => null)
      return { answer }
    }
    case 'contact':
      return { message: await user.shareContact(DEMO_PHONE[a.as]) }
    case 'block':
    case 'unblock':
      if (group) throw new Error('only a private chat can block the bot')
      if (a.kind === 'block') user.blockBot()
      else user.unblockBot()
      return { blockedBot: a.kind === 'block' }
    case 'location':
      return { message: await user.shareLocation(a.latitude, a.longitude) }
    case 'photo':
    case 'document': {
      const bytes = Buffer.from(a.base64, 'base64')
      const where = {
        ...(group ? { in: group } : {}),
        ...(a.threadId ? { threadId: a.threadId } : {}),
        ...(a.caption ? { caption: a.caption } : {}),
      }
      return a.kind === 'photo'
        ? { message: await user.sendPhoto(bytes, where) }
        : { message: await user.sendDocument({ bytes, fileName: a.fileName, mimeType: a.mimeType, ...where }) }
    }
  }
}
