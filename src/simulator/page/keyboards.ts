/** Inline keyboards under a message (tap → callback query) and the reply keyboard under the composer. */
import { h } from './dom.ts'
import { act, type PaneState } from './state.ts'
import type { Button, Msg } from './types.ts'

export function renderInlineKeyboard(pane: PaneState, msg: Msg): HTMLElement | undefined {
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

/** The reply keyboard of a private chat; "share location" opens the location picker. */
export function renderReplyKeyboard(pane: PaneState, openLocationPicker: () => void): HTMLElement | undefined {
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
        else if (b.request_location) openLocationPicker()
        else void act(pane, { kind: 'text', text: b.text })
      }
      r.append(btn)
    }
    box.append(r)
  }
  return box
}
