import { z } from 'zod'
import { defineCallbackData } from './define-callback-data.ts'

/** The access feature's buttons (prefix `a:`): "bind this group to that station" (43 bytes). Re-checked on the server. */
export const bindStationCallback = defineCallbackData({
  prefix: 'a:bind:',
  schema: z.object({ stationId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) }),
  encode: ({ stationId }) => [stationId],
  decode: ([stationId, ...rest]) => (rest.length === 0 ? { stationId } : undefined),
})

/** "Bind this group to that station". */
export function bindStationData(stationId: string): string {
  return bindStationCallback.encode({ stationId })
}

/** The station id of a bind button, or null for anything malformed. */
export function parseBindStationData(data: string): string | null {
  return bindStationCallback.decode(data)?.stationId ?? null
}

/** Every callback query this feature owns. */
export const ACCESS_CALLBACK = /^a:/
