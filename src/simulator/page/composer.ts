/** Typing and sending as the pane's person: text (as a reply, in a topic), the command menu, file uploads. */
import { h } from './dom.ts'
import { t } from './i18n.ts'
import { act, type PaneState } from './state.ts'

async function upload(pane: PaneState, file: File): Promise<void> {
  const buffer = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000))
  await act(pane, {
    kind: file.type.startsWith('image/') ? 'photo' : 'document',
    fileName: file.name,
    mimeType: file.type || 'application/octet-stream',
    base64: btoa(binary),
    ...(pane.topic ? { threadId: pane.topic } : {}),
  })
}

/** What sits above the input: the message being replied to, and the command menu when `/` is open. */
export function renderComposerExtras(pane: PaneState): HTMLElement {
  const wrap = h('div', {})
  if (pane.replyTo) {
    const r = h('div', { class: 'replying' }, `${t('replyTo')} #${pane.replyTo} `)
    const x = h('button', {}, t('cancel'))
    x.onclick = () => {
      pane.replyTo = undefined
      pane.rerender()
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
        pane.rerender()
      }
      menu.append(b)
    }
    wrap.append(menu)
  }
  return wrap
}

export function buildComposer(pane: PaneState): HTMLElement {
  const form = h('form', { class: 'composer' }) as HTMLFormElement
  const slash = h('button', { type: 'button', title: '/' }, '/')
  slash.onclick = () => {
    pane.showMenu = !pane.showMenu
    pane.rerender()
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
