/** One message as a Telegram client draws it: sender, quote, media, formatted text, keyboard, time and ↩. */
import { fileUrl } from './api-client.ts'
import { h } from './dom.ts'
import { t } from './i18n.ts'
import { renderInlineKeyboard } from './keyboards.ts'
import { formatText } from './render.ts'
import { type PaneState, persona } from './state.ts'
import type { Msg } from './types.ts'

export function renderMessage(pane: PaneState, msg: Msg): HTMLElement {
  const m = msg.message
  const mine = !msg.fromBot && msg.from?.name === persona(pane.actingAs).name
  const el = h('div', { class: `msg${mine ? ' mine' : ''}${msg.fromBot ? ' bot' : ''}`, 'data-msg-id': String(msg.id) })
  if (pane.info.members.length > 1 || !msg.fromBot) el.append(h('div', { class: 'who' }, msg.from?.name ?? ''))
  const quoted = m.reply_to_message
  if (quoted && !quoted.forum_topic_created)
    el.append(h('div', { class: 'quote' }, (quoted.text ?? quoted.caption ?? '').slice(0, 80)))
  if (m.forum_topic_created) el.append(h('div', { class: 'service' }, `# ${m.forum_topic_created.name}`))
  const file = m.photo?.at(-1)?.file_id
  if (file) {
    const link = h('a', { href: fileUrl(file), target: '_blank' })
    link.append(h('img', { src: fileUrl(file), alt: 'photo', loading: 'lazy' }))
    el.append(link)
  }
  if (m.document) {
    const name = m.document.file_name ?? 'file'
    el.append(
      h('a', { href: fileUrl(m.document.file_id), download: name, class: 'doc' }, `📄 ${name} · ${t('download')}`),
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
  const kb = renderInlineKeyboard(pane, msg)
  if (kb) el.append(kb)
  el.append(renderMeta(pane, msg))
  return el
}

function renderMeta(pane: PaneState, msg: Msg): HTMLElement {
  const meta = h(
    'div',
    { class: 'meta' },
    `${msg.edited ? `${t('edited')} · ` : ''}${new Date(msg.date * 1000).toLocaleTimeString()}`,
  )
  const replyHere = () => {
    pane.replyTo = msg.id
    pane.rerender()
  }
  meta.ondblclick = replyHere
  const reply = h('button', { class: 'reply-btn', title: t('replyTo') }, '↩')
  reply.onclick = replyHere
  meta.prepend(reply)
  return meta
}
