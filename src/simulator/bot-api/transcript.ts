/**
 * Human-readable dumps used in timeout errors, so that a failing test tells
 * what the bot DID send (and which calls failed) instead of just "timeout".
 */
import type { Message } from 'grammy/types'
import type { StoredMessage } from './chat-store.ts'
import { describeMarkup } from './markup.ts'
import type { FakeState } from './state.ts'

/** One-line summary of a message's content. */
export function summarize(m: Message): string {
  if (m.text !== undefined) return JSON.stringify(m.text.length > 300 ? `${m.text.slice(0, 297)}...` : m.text)
  const kind = m.photo
    ? 'photo'
    : m.document
      ? `document ${m.document.file_name ?? ''}`
      : m.voice
        ? 'voice'
        : m.sticker
          ? 'sticker'
          : m.contact
            ? `contact ${m.contact.phone_number}`
            : m.location
              ? `location ${m.location.latitude},${m.location.longitude}`
              : m.forum_topic_created
                ? `[topic created: ${m.forum_topic_created.name}]`
                : 'message'
  return `<${kind.trim()}>${m.caption ? ` ${JSON.stringify(m.caption)}` : ''}`
}

function line(s: StoredMessage): string {
  const m = s.current
  const who = s.fromBot ? 'bot' : (m.from?.first_name ?? 'user')
  const thread = m.message_thread_id !== undefined ? ` [thread ${m.message_thread_id}]` : ''
  const markup = describeMarkup(s.sentMarkup && !('inline_keyboard' in s.sentMarkup) ? s.sentMarkup : m.reply_markup)
  const flags = [s.versions.length > 1 ? `edited ${s.versions.length - 1}x` : '', s.deleted ? 'deleted' : ''].filter(
    Boolean,
  )
  return `  #${s.messageId}${thread} ${who}: ${summarize(m)}${markup ? `  ${markup}` : ''}${flags.length ? ` (${flags.join(', ')})` : ''}`
}

/** Chat history + failed calls for that chat + polling status. */
export function chatTranscript(state: FakeState, chatId: number): string {
  const chat = state.chats.get(chatId)
  const out: string[] = []
  if (!chat) return `Chat ${chatId} does not exist.`
  const title = 'title' in chat.chat ? chat.chat.title : chat.chat.first_name
  out.push(`Chat ${chatId} (${chat.chat.type}, ${title}), last ${Math.min(30, chat.order.length)} messages:`)
  out.push(chat.order.length ? chat.order.slice(-30).map(line).join('\n') : '  (no messages)')
  const failed = state.log.all(
    undefined,
    (c) => c.chatId === chatId && (c.outcome === 'error' || c.outcome === 'dropped'),
  )
  if (failed.length) out.push(`Failed calls for this chat:\n${state.log.format(failed.slice(-10))}`)
  out.push(pollingStatus(state))
  return out.join('\n')
}

/** Is the bot polling? How many updates wait? Recent calls. */
export function pollingStatus(state: FakeState): string {
  const polls = state.log.all('getUpdates')
  const lastPoll = polls[polls.length - 1]
  const polling = state.log.inFlight().some((c) => c.method === 'getUpdates')
  const undelivered = state.updates.undelivered().length
  const status = lastPoll
    ? `${polling ? 'a getUpdates call is in flight' : 'NO getUpdates call in flight'}; last getUpdates ${((Date.now() - lastPoll.startedAt) / 1000).toFixed(1)} s ago`
    : 'the bot has NEVER called getUpdates (is it running? is TELEGRAM_API_ROOT set?)'
  return `Polling: ${status}; ${undelivered} update(s) not fetched yet.\nRecent calls:\n${state.log.format(
    state.log
      .all()
      .filter((c) => c.method !== 'getUpdates')
      .slice(-12),
  )}`
}
