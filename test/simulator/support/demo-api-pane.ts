/**
 * One chat of the demo as its page sees it, through the demo's JSON API (src/simulator/web/api.ts) rather than a
 * browser: read the chat, act in it as one person, wait for what the bot says, tap its buttons.
 */
import { expect } from 'vitest'
import type { ChatJson, MessageJson } from '../../../src/simulator/web/chat-json.ts'

export interface JsonAnswer {
  status: number
  body: Record<string, unknown>
}

/** POSTs JSON (or, given a string, that raw body) and reads the JSON answer. */
export async function postJson(url: string, body: unknown): Promise<JsonAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url)
  expect(res.status, url).toBe(200)
  return (await res.json()) as T
}

const shows = (m: MessageJson, text: string | RegExp): boolean => {
  const t = m.message.text ?? m.message.caption ?? ''
  return typeof text === 'string' ? t.includes(text) : text.test(t)
}

export class DemoApiPane {
  constructor(
    private readonly base: string,
    readonly chatId: number,
    readonly as: string,
  ) {}

  chat(lang = 'zh-hans'): Promise<ChatJson> {
    return getJson<ChatJson>(`${this.base}/api/chats/${this.chatId}?lang=${lang}`)
  }

  act(action: Record<string, unknown>): Promise<JsonAnswer> {
    return postJson(`${this.base}/api/chats/${this.chatId}/act`, { as: this.as, ...action })
  }

  async send(text: string): Promise<void> {
    const answer = await this.act({ kind: 'text', text })
    expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  }

  /** The newest bot message showing `text`, waiting for it. */
  async waitFor(text: string | RegExp): Promise<MessageJson> {
    let found: MessageJson | undefined
    await expect
      .poll(
        async () => {
          found = (await this.chat()).messages.findLast((m) => m.fromBot && !m.deleted && shows(m, text))
          return found !== undefined
        },
        { timeout: 15_000, message: `${this.as} sees no bot message with ${String(text)}` },
      )
      .toBe(true)
    return found as MessageJson
  }

  /** Taps the newest inline button with this label, waiting for it; resolves with the bot's answer. */
  async tap(label: string): Promise<unknown> {
    let press: { messageId: number; data: string } | undefined
    await expect
      .poll(
        async () => {
          press = pressOf(await this.chat(), label)
          return press !== undefined
        },
        { timeout: 15_000, message: `${this.as} sees no button ${label}` },
      )
      .toBe(true)
    const answer = await this.act({ kind: 'press', ...press })
    expect(answer.status).toBe(200)
    return answer.body.answer
  }
}

function pressOf(chat: ChatJson, label: string): { messageId: number; data: string } | undefined {
  for (const m of [...chat.messages].reverse()) {
    if (!m.fromBot || m.deleted) continue
    const button = m.message.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)
    if (button && 'callback_data' in button) return { messageId: m.id, data: button.callback_data }
  }
  return undefined
}
