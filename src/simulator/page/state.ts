/** What the page holds: the world, one state per pane, which pane and side panel are shown; acting in a pane. */
import { demoApi } from './api-client.ts'
import { alertBox, toast } from './feedback.ts'
import { t } from './i18n.ts'
import type { MapView } from './map.ts'
import type { Chat, PaneInfo, Persona, World } from './types.ts'

export interface PaneState {
  info: PaneInfo
  el: HTMLElement
  chat?: Chat
  actingAs: string
  replyTo?: number
  topic?: number
  /** The location picker (map and preset places) is open, with this view of the map. */
  locationPicker?: MapView
  showMenu: boolean
  /** Built once, so that a message arriving while someone types does not wipe their text. */
  composer?: HTMLElement
  /** Draws the pane again from its state (set when the pane is created). */
  rerender(): void
}

export type SidePanel = 'none' | 'walkthrough' | 'admin'

export const app: {
  world: World
  panes: Map<number, PaneState>
  /** 'all' or the key of the one pane shown. */
  shown: string
  side: SidePanel
} = { world: { personas: [], panes: [] }, panes: new Map(), shown: 'all', side: 'none' }

const NOBODY: Persona = { key: '', name: '', role: { zh: '', en: '' }, languageCode: 'zh-hans' }

export function persona(key: string): Persona {
  return app.world.personas.find((p) => p.key === key) ?? NOBODY
}

/** Acts in the pane's chat as its selected person; a tap's answer shows as a toast or an alert. */
export async function act(pane: PaneState, action: Record<string, unknown>): Promise<void> {
  try {
    const result = await demoApi.act(pane.info.chatId, pane.actingAs, action)
    if (action.kind === 'press') {
      if (result.answer === null) toast(t('noAnswer'))
      else if (result.answer?.text) (result.answer.show_alert ? alertBox : toast)(result.answer.text)
    }
  } catch (error) {
    toast(String((error as Error).message))
  }
}
