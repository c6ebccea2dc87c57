/** The JSON the page reads from the demo's interface (src/simulator/web/api.ts). */
import type { UiLang } from './i18n.ts'
import type { MessageEntity } from './render.ts'

export interface Persona {
  key: string
  name: string
  role: Record<UiLang, string>
  languageCode: string
}

export interface PaneInfo {
  key: string
  chatId: number
  persona: string
  members: string[]
}

export interface World {
  personas: Persona[]
  panes: PaneInfo[]
}

export type Button = {
  text: string
  callback_data?: string
  url?: string
  request_contact?: boolean
  request_location?: boolean
}

export interface Msg {
  id: number
  fromBot: boolean
  from?: { id: number; name: string }
  deleted: boolean
  edited: boolean
  date: number
  threadId?: number
  message: {
    text?: string
    caption?: string
    entities?: MessageEntity[]
    caption_entities?: MessageEntity[]
    photo?: { file_id: string }[]
    document?: { file_id: string; file_name?: string; file_size?: number }
    location?: { latitude: number; longitude: number }
    contact?: { phone_number: string; first_name: string }
    reply_to_message?: { message_id: number; text?: string; caption?: string; forum_topic_created?: unknown }
    reply_markup?: { inline_keyboard?: Button[][] }
    forum_topic_created?: { name: string }
    new_chat_members?: unknown
    sticker?: { emoji?: string }
  }
}

export interface Chat {
  id: number
  type: string
  title: string
  forum: boolean
  topics: { id: number; name: string }[]
  messages: Msg[]
  replyKeyboard: { keyboard: (Button | string)[][] } | null
  commands: { command: string; description: string }[]
  blockedBot: boolean
}

/** An area of the directory with coordinates, for the map. */
export interface MapArea {
  code: string
  level: 'DISTRICT' | 'STREET' | 'COMMUNITY'
  name: string
  nameEn: string | null
  latitude: number
  longitude: number
}

export interface WalkthroughState {
  trackingNumber: string | null
  status: string | null
  done: Record<string, boolean>
}

export interface AdminState {
  stations: {
    code: string
    kind: string
    name: string
    nameEn: string | null
    bound: boolean
    coverage: string[]
    members: number
  }[]
  queues: Record<string, Record<string, number>>
  invites: { code: string; role: string; station: string; redeemed: boolean }[]
}
