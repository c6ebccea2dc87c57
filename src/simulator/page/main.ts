/** The demo page: one pane per chat, acting as each person, following every change over Server-Sent Events. */
import { PANE_TITLES, PLACES, STEP_LABELS, setUiLang, t, type UiLang, uiLang } from './i18n.ts'
import { formatText, type MessageEntity } from './render.ts'

interface Persona {
  key: string
  name: string
  role: Record<UiLang, string>
  languageCode: string
}
interface PaneInfo {
  key: string
  chatId: number
  persona: string
  members: string[]
}
interface World {
  personas: Persona[]
  panes: PaneInfo[]
}
type Button = {
  text: string
  callback_data?: string
  url?: string
  request_contact?: boolean
  request_location?: boolean
}
interface Msg {
  id: number
  fromBot: boolean
  from?: { id: number; name: string }
  deleted: boolean
  edited: boolean
  date: number
  threadId?: number
  message: {
    text?: string
    caption?: string
    entities?: MessageEntity[]
    caption_entities?: MessageEntity[]
    photo?: { file_id: string }[]
    document?: { file_id: string; file_name?: string; file_size?: number }
    location?: { latitude: number; longitude: number }
    contact?: { phone_number: string; first_name: string }
    reply_to_message?: { message_id: number; text?: string; caption?: string; forum_topic_created?: unknown }
    reply_markup?: { inline_keyboard?: Button[][] }
    forum_topic_created?: { name: string }
    new_chat_members?: unknown
    sticker?: { emoji?: string }
  }
}
interface Chat {
  id: number
  title: string
  forum: boolean
  topics: { id: number; name: string }[]
  messages: Msg[]
  replyKeyboard: { keyboard: (Button | string)[][] } | null
  commands: { command: string; description: string }[]
}
interface PaneState {
  info: PaneInfo
  el: HTMLElement
  chat?: Chat
  actingAs: string
  replyTo?: number
  topic?: number
  showPlaces: boolean
  showMenu: boolean
  /** Built once, so that a message arriving while someone types does not wipe their text. */
  composer?: HTMLElement
}

const $ = <T extends HTMLElement>(sel: string, root: ParentNode = document): T => root.querySelector(sel) as T
const h = (tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement => {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v)
  if (text !== undefined) el.textContent = text
  return el
}

let world: World
const panes = new Map<number, PaneState>()
let shown = 'all'
let side: 'none' | 'walkthrough' | 'admin' = 'none'

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    path,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  )
  const json = (await res.json()) as T & { error?: string }
  if (!res.ok) throw new Error(json.error ?? res.statusText)
  return json
}

function toast(text: string): void {
  const el = $('#toast')
  el.textContent = text
  el.hidden = false
  clearTimeout((toast as unknown as { timer?: number }).timer)
  ;(toast as unknown as { timer?: number }).timer = window.setTimeout(() => {
    el.hidden = true
  }, 2500)
}

function alertBox(text: string): void {
  const modal = $('#modal')
  modal.replaceChildren()
  const box = h('div', { class: 'box', role: 'alertdialog', 'data-testid': 'alert' })
  box.append(h('p', {}, text))
  const ok = h('button', {}, t('ok'))
  ok.onclick = () => {
    modal.hidden = true
  }
  box.append(ok)
  modal.append(box)
  modal.hidden = false
}

async function act(pane: PaneState, body: Record<string, unknown>): Promise<void> {
  try {
    const result = await api<{ answer?: { text?: string; show_alert?: boolean } | null }>(
      `/api/chats/${pane.info.chatId}/act`,
      { as: pane.actingAs, ...body },
    )
    if (body.kind === 'press') {
      if (result.answer === null) toast(t('noAnswer'))
      else if (result.answer?.text) (result.answer.show_alert ? alertBox : toast)(result.answer.text)
    }
  } catch (error) {
    toast(String((error as Error).message))
  }
}

function renderKeyboard(pane: PaneState, msg: Msg): HTMLElement | undefined {
  const rows = msg.message.reply_markup?.inline_keyboard
  if (!rows?.length) return undefined
  const kb = h('div', { class: 'ikb' })
  for (const row of rows) {
    const r = h('div', { class: 'row' })
    for (const b of row) {
      if (b.url) {
        r.append(h('a', { href: b.url, target: '_blank', rel: 'noopener' }, b.text))
        continue
      }
      const btn = h('button', { 'data-data': b.callback_data ?? '' }, b.text)
      btn.onclick = () => void act(pane, { kind: 'press', messageId: msg.id, data: b.callback_data ?? '' })
      r.append(btn)
    }
    kb.append(r)
  }
  return kb
}

function renderMessage(pane: PaneState, msg: Msg): HTMLElement {
  const m = msg.message
  const mine =
    !msg.fromBot &&
    msg.from?.id !== undefined &&
    world.personas.some((p) => p.key === pane.actingAs && p.name === msg.from?.name)
  const el = h('div', { class: `msg${mine ? ' mine' : ''}${msg.fromBot ? ' bot' : ''}`, 'data-msg-id': String(msg.id) })
  if (pane.info.members.length > 1 || !msg.fromBot) el.append(h('div', { class: 'who' }, msg.from?.name ?? ''))
  const quoted = m.reply_to_message
  if (quoted && !quoted.forum_topic_created)
    el.append(h('div', { class: 'quote' }, (quoted.text ?? quoted.caption ?? '').slice(0, 80)))
  if (m.forum_topic_created) el.append(h('div', { class: 'service' }, `# ${m.forum_topic_created.name}`))
  if (m.photo?.length) {
    const file = m.photo.at(-1)!.file_id
    const link = h('a', { href: `/api/files/${file}`, target: '_blank' })
    link.append(h('img', { src: `/api/files/${file}`, alt: 'photo', loading: 'lazy' }))
    el.append(link)
  }
  if (m.document) {
    el.append(
      h(
        'a',
        { href: `/api/files/${m.document.file_id}`, download: m.document.file_name ?? 'file', class: 'doc' },
        `📄 ${m.document.file_name ?? 'file'} · ${t('download')}`,
      ),
    )
  }
  if (m.location)
    el.append(h('div', { class: 'loc' }, `📍 ${m.location.latitude.toFixed(4)}, ${m.location.longitude.toFixed(4)}`))
  if (m.contact) el.append(h('div', { class: 'contact' }, `👤 ${m.contact.first_name} ${m.contact.phone_number}`))
  if (m.sticker) el.append(h('div', {}, m.sticker.emoji ?? '🖼'))
  const text = m.text ?? m.caption
  if (text) {
    const body = h('div', { class: 'text' })
    body.innerHTML = formatText(text, m.entities ?? m.caption_entities ?? [])
    el.append(body)
  }
  const kb = renderKeyboard(pane, msg)
  if (kb) el.append(kb)
  const meta = h(
    'div',
    { class: 'meta' },
    `${msg.edited ? `${t('edited')} · ` : ''}${new Date(msg.date * 1000).toLocaleTimeString()}`,
  )
  meta.ondblclick = () => {
    pane.replyTo = msg.id
    renderPane(pane)
  }
  const reply = h('button', { class: 'reply-btn', title: t('replyTo') }, '↩')
  reply.onclick = () => {
    pane.replyTo = msg.id
    renderPane(pane)
  }
  meta.prepend(reply)
  el.append(meta)
  return el
}

function renderReplyKeyboard(pane: PaneState): HTMLElement | undefined {
  const kb = pane.chat?.replyKeyboard
  if (!kb || pane.info.members.length > 1) return undefined
  const box = h('div', { class: 'rkb', 'data-testid': 'reply-keyboard' })
  for (const row of kb.keyboard) {
    const r = h('div', { class: 'row' })
    for (const raw of row) {
      const b: Button = typeof raw === 'string' ? { text: raw } : raw
      const btn = h('button', {}, b.text)
      btn.onclick = () => {
        if (b.request_contact) void act(pane, { kind: 'contact' })
        else if (b.request_location) {
          pane.showPlaces = true
          renderPane(pane)
        } else void act(pane, { kind: 'text', text: b.text })
      }
      r.append(btn)
    }
    box.append(r)
  }
  return box
}

function renderPlaces(pane: PaneState): HTMLElement {
  const box = h('div', { class: 'places', 'data-testid': 'places' }, t('choosePlace'))
  for (const place of PLACES) {
    const b = h('button', {}, place[uiLang()])
    b.onclick = () => {
      pane.showPlaces = false
      void act(pane, { kind: 'location', latitude: place.latitude, longitude: place.longitude })
      renderPane(pane)
    }
    box.append(b)
  }
  return box
}

async function upload(pane: PaneState, file: File): Promise<void> {
  const buffer = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000))
  const kind = file.type.startsWith('image/') ? 'photo' : 'document'
  await act(pane, {
    kind,
    fileName: file.name,
    mimeType: file.type || 'application/octet-stream',
    base64: btoa(binary),
    ...(pane.topic ? { threadId: pane.topic } : {}),
  })
}

function renderComposerExtras(pane: PaneState): HTMLElement {
  const wrap = h('div', {})
  if (pane.replyTo) {
    const r = h('div', { class: 'replying' }, `${t('replyTo')} #${pane.replyTo} `)
    const x = h('button', {}, t('cancel'))
    x.onclick = () => {
      pane.replyTo = undefined
      renderPane(pane)
    }
    r.append(x)
    wrap.append(r)
  }
  if (pane.showMenu && pane.chat?.commands.length) {
    const menu = h('div', { class: 'menu', 'data-testid': 'command-menu' })
    for (const c of pane.chat.commands) {
      const b = h('button', {}, `/${c.command} — ${c.description}`)
      b.onclick = () => {
        pane.showMenu = false
        void act(pane, { kind: 'text', text: `/${c.command}` })
        renderPane(pane)
      }
      menu.append(b)
    }
    wrap.append(menu)
  }
  return wrap
}

function buildComposer(pane: PaneState): HTMLElement {
  const form = h('form', { class: 'composer' }) as HTMLFormElement
  const slash = h('button', { type: 'button', title: '/' }, '/')
  slash.onclick = () => {
    pane.showMenu = !pane.showMenu
    renderPane(pane)
  }
  const input = h('input', { type: 'text', placeholder: t('typeHere'), 'data-role': 'composer' }) as HTMLInputElement
  const file = h('input', { type: 'file', 'data-role': 'attach', hidden: '' }) as HTMLInputElement
  const attach = h('button', { type: 'button', title: 'attach' }, t('attach'))
  attach.onclick = () => file.click()
  file.onchange = () => {
    if (file.files?.[0]) void upload(pane, file.files[0])
    file.value = ''
  }
  const send = h('button', { type: 'submit' }, t('send'))
  form.onsubmit = (e) => {
    e.preventDefault()
    const text = input.value.trim()
    if (!text) return
    input.value = ''
    const replyTo = pane.replyTo
    pane.replyTo = undefined
    void act(pane, {
      kind: 'text',
      text,
      ...(replyTo ? { replyTo } : {}),
      ...(pane.topic ? { threadId: pane.topic } : {}),
    })
  }
  form.append(slash, input, attach, file, send)
  return form
}

function renderHeader(pane: PaneState): HTMLElement {
  const header = h('header', {})
  header.append(
    h(
      'h2',
      {},
      `${PANE_TITLES[pane.info.key]?.[uiLang()] ?? pane.info.key}${pane.chat ? ` · ${pane.chat.title}` : ''}`,
    ),
  )
  const who = h('select', { 'data-role': 'acting-as', title: t('as') }) as HTMLSelectElement
  for (const key of pane.info.members) {
    const p = world.personas.find((x) => x.key === key)!
    const o = h('option', { value: key }, `${t('as')}: ${p.name} (${p.role[uiLang()]})`) as HTMLOptionElement
    o.selected = key === pane.actingAs
    who.append(o)
  }
  who.onchange = () => {
    pane.actingAs = who.value
    renderPane(pane)
  }
  const lang = h('select', { 'data-role': 'person-language', title: t('language') }) as HTMLSelectElement
  const current = world.personas.find((p) => p.key === pane.actingAs)!
  for (const [code, label] of [
    ['zh-hans', '中文'],
    ['en', 'English'],
  ]) {
    const o = h('option', { value: code! }, label) as HTMLOptionElement
    o.selected = current.languageCode === code
    lang.append(o)
  }
  lang.onchange = async () => {
    await api(`/api/personas/${pane.actingAs}/language`, { languageCode: lang.value })
    current.languageCode = lang.value
  }
  header.append(who, lang)
  if (pane.chat?.forum) {
    const topic = h('select', { 'data-role': 'topic' }) as HTMLSelectElement
    topic.append(h('option', { value: '' }, t('allTopics')))
    for (const tp of pane.chat.topics) {
      const o = h('option', { value: String(tp.id) }, `# ${tp.name}`) as HTMLOptionElement
      o.selected = pane.topic === tp.id
      topic.append(o)
    }
    topic.onchange = () => {
      pane.topic = topic.value ? Number(topic.value) : undefined
      renderPane(pane)
    }
    header.append(topic)
  }
  return header
}

function renderPane(pane: PaneState): void {
  const list = pane.el.querySelector('.messages')
  const atBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 40
  const messages = h('div', { class: 'messages' })
  for (const msg of pane.chat?.messages ?? []) {
    if (msg.deleted) continue
    if (pane.topic !== undefined && msg.threadId !== pane.topic) continue
    messages.append(renderMessage(pane, msg))
  }
  pane.el.replaceChildren(renderHeader(pane), messages)
  if (pane.showPlaces) pane.el.append(renderPlaces(pane))
  const rkb = renderReplyKeyboard(pane)
  if (rkb) pane.el.append(rkb)
  pane.el.append(renderComposerExtras(pane))
  pane.composer ??= buildComposer(pane)
  pane.el.append(pane.composer)
  pane.el.hidden = shown !== 'all' && shown !== pane.info.key
  messages.scrollTop = atBottom ? messages.scrollHeight : (list?.scrollTop ?? 0)
  pane.el.dataset.count = String(pane.chat?.messages.filter((m) => !m.deleted).length ?? 0)
}

const loading = new Set<number>()
const dirty = new Set<number>()

/** Fetches a chat again; changes arriving meanwhile coalesce into one more fetch, so a burst costs two, not n. */
async function refreshChat(chatId: number): Promise<void> {
  const pane = panes.get(chatId)
  if (!pane) return
  if (loading.has(chatId)) {
    dirty.add(chatId)
    return
  }
  loading.add(chatId)
  try {
    await fetchChat(pane, chatId)
  } finally {
    loading.delete(chatId)
  }
  if (dirty.delete(chatId)) await refreshChat(chatId)
}

async function fetchChat(pane: PaneState, chatId: number): Promise<void> {
  const lang = world.personas.find((p) => p.key === pane.actingAs)?.languageCode ?? 'zh'
  pane.chat = await api<Chat>(`/api/chats/${chatId}?lang=${lang}`)
  renderPane(pane)
}

function renderToolbar(): void {
  const bar = $('#toolbar')
  bar.replaceChildren()
  const tab = (key: string, label: string) => {
    const b = h('button', { 'data-pane-tab': key, class: shown === key ? 'active' : '' }, label)
    b.onclick = () => {
      shown = key
      renderAll()
    }
    bar.append(b)
  }
  tab('all', t('all'))
  for (const p of world.panes) tab(p.key, PANE_TITLES[p.key]?.[uiLang()] ?? p.key)
  const reset = h('button', { 'data-action': 'reset' }, `⟲ ${t('reset')}`)
  reset.onclick = async () => {
    reset.setAttribute('disabled', '')
    const { ms } = await api<{ ms: number }>('/api/reset', {})
    await load()
    toast(t('resetDone', { ms }))
  }
  const walk = h(
    'button',
    { 'data-action': 'walkthrough', class: side === 'walkthrough' ? 'active' : '' },
    t('walkthrough'),
  )
  walk.onclick = () => {
    side = side === 'walkthrough' ? 'none' : 'walkthrough'
    renderAll()
  }
  const admin = h('button', { 'data-action': 'admin', class: side === 'admin' ? 'active' : '' }, t('admin'))
  admin.onclick = () => {
    side = side === 'admin' ? 'none' : 'admin'
    renderAll()
  }
  const lang = h('button', { 'data-action': 'ui-language' }, uiLang() === 'zh' ? 'English' : '中文')
  lang.onclick = () => {
    setUiLang(uiLang() === 'zh' ? 'en' : 'zh')
    for (const pane of panes.values()) pane.composer = undefined
    renderAll()
  }
  bar.append(reset, walk, admin, lang)
}

async function renderSide(): Promise<void> {
  const el = $('#side')
  el.hidden = side === 'none'
  if (side === 'walkthrough') {
    const w = await api<{ trackingNumber: string | null; status: string | null; done: Record<string, boolean> }>(
      '/api/walkthrough',
    )
    if (side !== 'walkthrough') return
    const list = h('ol', { 'data-testid': 'walkthrough' })
    for (const [step, done] of Object.entries(w.done)) {
      list.append(
        h(
          'li',
          { class: done ? 'done' : '', 'data-step': step, 'data-done': String(done) },
          `${done ? '✅' : '⬜'} ${STEP_LABELS[step]?.[uiLang()] ?? step}`,
        ),
      )
    }
    el.replaceChildren(
      h('h3', {}, t('steps')),
      h('p', {}, `${t('ticket')}: ${w.trackingNumber ?? '—'} ${w.status ?? ''}`),
      list,
    )
  } else if (side === 'admin') {
    const a = await api<{
      stations: {
        code: string
        kind: string
        name: string
        nameEn: string | null
        bound: boolean
        coverage: string[]
        members: number
      }[]
      queues: Record<string, Record<string, number>>
      invites: { code: string; role: string; station: string; redeemed: boolean }[]
    }>('/api/admin')
    if (side !== 'admin') return
    const queues = h('table', { 'data-testid': 'queues' })
    for (const [name, c] of Object.entries(a.queues))
      queues.append(
        h(
          'tr',
          {},
          `${name}: ${Object.entries(c)
            .map(([k, v]) => `${k} ${v}`)
            .join(' · ')}`,
        ),
      )
    const form = h('form', { 'data-testid': 'invite-form' }) as HTMLFormElement
    form.innerHTML = `<label>${t('role')} <select name="role"><option>STAFF</option><option>LIAISON</option><option>ADMIN</option></select></label>
      <label>${t('station')} <select name="station">${a.stations.map((s) => `<option>${s.code}</option>`).join('')}</select></label>
      <label>${t('grids')} <input name="grids" /></label> <button>${t('createInvite')}</button><output></output>`
    form.onsubmit = async (e) => {
      e.preventDefault()
      const data = new FormData(form)
      const grids = String(data.get('grids') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
      const result = await api<{ ok: boolean; code?: string; reason?: string }>('/api/admin/invites', {
        role: data.get('role'),
        stationCode: data.get('station'),
        gridCodes: grids,
      })
      $('output', form).textContent = result.ok ? `/start ${result.code}` : `✖ ${result.reason}`
      void renderSide()
    }
    const stations = h('table', { 'data-testid': 'stations' })
    for (const s of a.stations) {
      const row = h('tr', {})
      row.append(
        h('td', {}, s.code),
        h('td', {}, uiLang() === 'en' ? (s.nameEn ?? s.name) : s.name),
        h('td', {}, s.coverage.join(' ')),
        h('td', {}, `${s.bound ? `✅ ${t('bound')}` : ''} ${s.members} ${t('members')}`),
      )
      stations.append(row)
    }
    const invites = h('ul', {})
    for (const i of a.invites)
      invites.append(h('li', {}, `${i.code} ${i.role} @ ${i.station}${i.redeemed ? ' ✓' : ''}`))
    el.replaceChildren(
      h('h3', {}, t('queues')),
      queues,
      h('h3', {}, t('createInvite')),
      form,
      h('h3', {}, t('invites')),
      invites,
      h('h3', {}, t('stations')),
      stations,
    )
  }
}

function renderAll(): void {
  document.documentElement.lang = uiLang() === 'zh' ? 'zh-CN' : 'en'
  $('#banner').textContent = t('banner')
  document.title = uiLang() === 'zh' ? '12315 演示 · 模拟环境' : '12315 demo · simulation'
  renderToolbar()
  for (const pane of panes.values()) renderPane(pane)
  void renderSide()
}

async function load(): Promise<void> {
  delete document.body.dataset.ready
  world = await api<World>('/api/world')
  const container = $('#panes')
  container.replaceChildren()
  panes.clear()
  for (const info of world.panes) {
    const el = h('div', { class: 'pane', 'data-pane': info.key })
    container.append(el)
    panes.set(info.chatId, { info, el, actingAs: info.persona, showPlaces: false, showMenu: false })
  }
  renderAll()
  await Promise.all([...panes.keys()].map(refreshChat))
  document.body.dataset.ready = '1'
}

function follow(): void {
  const events = new EventSource('/api/events')
  events.addEventListener('chats', (e) => {
    for (const id of JSON.parse((e as MessageEvent<string>).data) as number[]) void refreshChat(id)
    if (side === 'walkthrough') void renderSide()
  })
}

void load().then(follow)
setInterval(() => {
  if (side !== 'none') void renderSide()
}, 3000)
