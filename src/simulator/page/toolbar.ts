/** The toolbar: pane tabs, Reset, the walk-through and admin panels, the page's language. */
import { demoApi } from './api-client.ts'
import { $, h } from './dom.ts'
import { toast } from './feedback.ts'
import { PANE_TITLES, setUiLang, t, uiLang } from './i18n.ts'
import { app, type SidePanel } from './state.ts'

export function renderToolbar(actions: { renderAll: () => void; reload: () => Promise<void> }): void {
  const bar = $('#toolbar')
  bar.replaceChildren()
  const tab = (key: string, label: string) => {
    const b = h('button', { 'data-pane-tab': key, class: app.shown === key ? 'active' : '' }, label)
    b.onclick = () => {
      app.shown = key
      actions.renderAll()
    }
    bar.append(b)
  }
  tab('all', t('all'))
  for (const p of app.world.panes) tab(p.key, PANE_TITLES[p.key]?.[uiLang()] ?? p.key)
  const reset = h('button', { 'data-action': 'reset' }, `⟲ ${t('reset')}`)
  reset.onclick = async () => {
    reset.setAttribute('disabled', '')
    const { ms } = await demoApi.reset()
    await actions.reload()
    toast(t('resetDone', { ms }))
  }
  const sideToggle = (panel: Exclude<SidePanel, 'none'>, label: string) => {
    const b = h('button', { 'data-action': panel, class: app.side === panel ? 'active' : '' }, label)
    b.onclick = () => {
      app.side = app.side === panel ? 'none' : panel
      actions.renderAll()
    }
    return b
  }
  const lang = h('button', { 'data-action': 'ui-language' }, uiLang() === 'zh' ? 'English' : '中文')
  lang.onclick = () => {
    setUiLang(uiLang() === 'zh' ? 'en' : 'zh')
    for (const pane of app.panes.values()) pane.composer = undefined
    actions.renderAll()
  }
  bar.append(reset, sideToggle('walkthrough', t('walkthrough')), sideToggle('admin', t('admin')), lang)
}
