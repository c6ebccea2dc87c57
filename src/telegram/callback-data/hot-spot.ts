import { z } from 'zod'
import { complaintIdField, defineCallbackData } from './define-callback-data.ts'

/** "Draft a warning" under a hot-spot suggestion: `hs:<suggestion id>`. */
export const hotSpotCallback = defineCallbackData({
  prefix: 'hs:',
  // Suggestion ids are UUIDs like complaint ids.
  schema: z.object({ suggestionId: complaintIdField }),
  encode: (value) => [value.suggestionId],
  decode: ([suggestionId, ...rest]) => (rest.length > 0 ? undefined : { suggestionId }),
})
