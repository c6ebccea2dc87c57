/** The demo page: one pane per chat, acting as each person, following every change over Server-Sent Events. */
import { renderAdminPanel } from './admin-panel.ts'
import { demoApi } from './api-client.ts'
import { $, h } from './dom.ts'
import { t, uiLang } from './i18n.ts'
import { createPane, refreshChat, renderPane } from './pane.ts'
import { app } from './state.ts'
import { renderToolbar } from './toolbar.ts'
import { renderWalkthroughPanel } from './walkthrough-panel.ts'

async function renderSide(): Promise<void> {
  const el = $('#side')
  el.hidden = app.side === 'none'
  const side = app.side
  if (side === 'none') return
  const content = side === 'walkthrough' ? await renderWalkthroughPanel() : await renderAdminPanel(renderSide)
  if (app.side === side) el.replaceChildren(...content)
}

function renderAll(): void {
  document.documentElement.lang = uiLang() === 'zh' ? 'zh-CN' : 'en'
  $('#banner').textContent = t('banner')
  document.title = t('title')
  renderToolbar({ renderAll, reload: load })
  for (const pane of app.panes.values()) renderPane(pane)
  void renderSide()
}

async function load(): Promise<void> {
  delete document.body.dataset.ready
  app.world = await demoApi.world()
  const container = $('#panes')
  container.replaceChildren()
  app.panes.clear()
  for (const info of app.world.panes) {
    const el = h('div', { class: 'pane', 'data-pane': info.key })
    container.append(el)
    app.panes.set(info.chatId, createPane(info, el))
  }
  renderAll()
  await Promise.all([...app.panes.keys()].map(refreshChat))
  document.body.dataset.ready = '1'
}

function follow(): void {
  const events = new EventSource('/api/events')
  events.addEventListener('chats', (e) => {
    for (const id of JSON.parse((e as MessageEvent<string>).data) as number[]) void refreshChat(id)
    if (app.side === 'walkthrough') void renderSide()
  })
}

void load().then(follow)
setInterval(() => {
  if (app.side !== 'none') void renderSide()
}, 3000)
