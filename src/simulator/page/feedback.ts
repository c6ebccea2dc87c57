/** Callback answers as Telegram shows them: a toast that fades, or an alert that waits for OK. */
import { $, h } from './dom.ts'
import { t } from './i18n.ts'

let toastTimer: number | undefined

export function toast(text: string): void {
  const el = $('#toast')
  el.textContent = text
  el.hidden = false
  clearTimeout(toastTimer)
  toastTimer = window.setTimeout(() => {
    el.hidden = true
  }, 2500)
}

export function alertBox(text: string): void {
  const modal = $('#modal')
  const box = h('div', { class: 'box', role: 'alertdialog', 'data-testid': 'alert' })
  box.append(h('p', {}, text))
  const ok = h('button', {}, t('ok'))
  ok.onclick = () => {
    modal.hidden = true
  }
  box.append(ok)
  modal.replaceChildren(box)
  modal.hidden = false
}
