/** A pane: one chat, its header (who acts, their language, the topic), messages, keyboards and composer. */
import { demoApi } from './api-client.ts'
import { buildComposer, renderComposerExtras } from './composer.ts'
import { h } from './dom.ts'
import { PANE_TITLES, t, uiLang } from './i18n.ts'
import { renderReplyKeyboard } from './keyboards.ts'
import { initialView, loadMapAreas, renderLocationPicker } from './map.ts'
import { renderMessage } from './message.ts'
import { act, app, type PaneState, persona } from './state.ts'
import type { PaneInfo } from './types.ts'

export function createPane(info: PaneInfo, el: HTMLElement): PaneState {
  const pane: PaneState = {
    info,
    el,
    actingAs: info.persona,
    showMenu: false,
    rerender: () => renderPane(pane),
  }
  return pane
}

function renderHeader(pane: PaneState): HTMLElement {
  const header = h('header', {})
  const title = PANE_TITLES[pane.info.key]?.[uiLang()] ?? pane.info.key
  header.append(h('h2', {}, `${title}${pane.chat ? ` · ${pane.chat.title}` : ''}`))
  const who = h('select', { 'data-role': 'acting-as', title: t('as') }) as HTMLSelectElement
  for (const key of pane.info.members) {
    const p = persona(key)
    const o = h('option', { value: key }, `${t('as')}: ${p.name} (${p.role[uiLang()]})`) as HTMLOptionElement
    o.selected = key === pane.actingAs
    who.append(o)
  }
  who.onchange = () => {
    pane.actingAs = who.value
    renderPane(pane)
  }
  const lang = h('select', { 'data-role': 'person-language', title: t('language') }) as HTMLSelectElement
  const current = persona(pane.actingAs)
  for (const [code, label] of [
    ['zh-hans', '中文'],
    ['en', 'English'],
  ] as const) {
    const o = h('option', { value: code }, label) as HTMLOptionElement
    o.selected = current.languageCode === code
    lang.append(o)
  }
  lang.onchange = async () => {
    await demoApi.setLanguage(pane.actingAs, lang.value)
    current.languageCode = lang.value
  }
  header.append(who, lang)
  if (pane.chat?.type === 'private') {
    // A private chat: its person can block the bot, to see what the stations see when a consumer cannot be reached.
    const blocked = pane.chat.blockedBot
    const toggle = h('button', { 'data-role': 'block-bot', type: 'button' }, t(blocked ? 'unblock' : 'block'))
    toggle.onclick = () => act(pane, { kind: blocked ? 'unblock' : 'block' })
    header.append(toggle)
    if (blocked) header.append(h('p', { class: 'blocked-note', 'data-role': 'blocked-note' }, t('blocked')))
  }
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

function openLocationPicker(pane: PaneState): void {
  loadMapAreas(() => {
    pane.locationPicker ??= initialView()
    renderPane(pane)
  })
}

export function renderPane(pane: PaneState): void {
  const list = pane.el.querySelector('.messages')
  const atBottom = !list || list.scrollHeight - list.scrollTop - list.clientHeight < 40
  const messages = h('div', { class: 'messages' })
  for (const msg of pane.chat?.messages ?? []) {
    if (msg.deleted) continue
    if (pane.topic !== undefined && msg.threadId !== pane.topic) continue
    messages.append(renderMessage(pane, msg))
  }
  pane.el.replaceChildren(renderHeader(pane), messages)
  if (pane.locationPicker) {
    const picker = renderLocationPicker(pane.locationPicker, {
      redraw: () => renderPane(pane),
      share: (p) => {
        pane.locationPicker = undefined
        void act(pane, { kind: 'location', latitude: p.latitude, longitude: p.longitude })
        renderPane(pane)
      },
      close: () => {
        pane.locationPicker = undefined
        renderPane(pane)
      },
    })
    pane.el.append(picker)
  }
  const rkb = renderReplyKeyboard(pane, () => openLocationPicker(pane))
  if (rkb) pane.el.append(rkb)
  pane.el.append(renderComposerExtras(pane))
  pane.composer ??= buildComposer(pane)
  pane.el.append(pane.composer)
  pane.el.hidden = app.shown !== 'all' && app.shown !== pane.info.key
  messages.scrollTop = atBottom ? messages.scrollHeight : (list?.scrollTop ?? 0)
  pane.el.dataset.count = String(pane.chat?.messages.filter((m) => !m.deleted).length ?? 0)
}

const loading = new Set<number>()
const dirty = new Set<number>()

/** Fetches a chat again; changes arriving meanwhile coalesce into one more fetch, so a burst costs two, not n. */
export async function refreshChat(chatId: number): Promise<void> {
  const pane = app.panes.get(chatId)
  if (!pane) return
  if (loading.has(chatId)) {
    dirty.add(chatId)
    return
  }
  loading.add(chatId)
  try {
    pane.chat = await demoApi.chat(chatId, persona(pane.actingAs).languageCode)
    renderPane(pane)
  } finally {
    loading.delete(chatId)
  }
  if (dirty.delete(chatId)) await refreshChat(chatId)
}
