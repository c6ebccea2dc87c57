/** The demo's JSON interface (src/simulator/web/api.ts), one typed function per endpoint. */
import type { AdminState, Chat, MapArea, WalkthroughState, World } from './types.ts'

async function call<T>(path: string, body?: unknown): Promise<T> {
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

export interface CallbackAnswer {
  text?: string
  show_alert?: boolean
}

export const demoApi = {
  world: () => call<World>('/api/world'),
  chat: (chatId: number, lang: string) => call<Chat>(`/api/chats/${chatId}?lang=${lang}`),
  /** Acts in a chat as a person: send, tap, share, upload. A tap resolves with the bot's answer (null: none). */
  act: (chatId: number, as: string, action: Record<string, unknown>) =>
    call<{ answer?: CallbackAnswer | null }>(`/api/chats/${chatId}/act`, { as, ...action }),
  setLanguage: (persona: string, languageCode: string) =>
    call<{ ok: boolean }>(`/api/personas/${persona}/language`, { languageCode }),
  map: () => call<{ areas: MapArea[] }>('/api/map'),
  reset: () => call<{ ms: number }>('/api/reset', {}),
  walkthrough: () => call<WalkthroughState>('/api/walkthrough'),
  admin: () => call<AdminState>('/api/admin'),
  createInvite: (input: { role: unknown; stationCode: unknown; gridCodes: string[] }) =>
    call<{ ok: boolean; code?: string; reason?: string }>('/api/admin/invites', input),
}

/** Where a file sent in the simulation can be shown or downloaded. */
export const fileUrl = (fileId: string): string => `/api/files/${fileId}`
