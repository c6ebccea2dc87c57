import { z } from 'zod'
import { PAUSE_REASONS, type PauseReason } from '../../domain/deadlines/clock-pause.ts'
import { complaintIdField, defineCallbackData } from './define-callback-data.ts'

const CODES: Readonly<Record<PauseReason | 'resume', string>> = { TESTING: 't', IDENTITY_PROOF: 'i', resume: 'r' }

/**
 * A card's clock button: `cp:t:<id>` (检测/鉴定开始), `cp:i:<id>` (等待身份证明), `cp:r:<id>` (恢复计时). It names the
 * ticket and the wish only: whether the presser's station may pause that clock now is decided on the server.
 */
export const clockPauseCallback = defineCallbackData({
  prefix: 'cp:',
  schema: z.discriminatedUnion('op', [
    z.object({ op: z.literal('start'), reason: z.enum(PAUSE_REASONS), complaintId: complaintIdField }),
    z.object({ op: z.literal('resume'), complaintId: complaintIdField }),
  ]),
  encode: (request) => [request.op === 'start' ? CODES[request.reason] : CODES.resume, request.complaintId],
  decode: ([code, complaintId, ...rest]) => {
    if (rest.length > 0) return undefined
    if (code === CODES.resume) return { op: 'resume', complaintId }
    const reason = PAUSE_REASONS.find((r) => CODES[r] === code)
    return reason ? { op: 'start', reason, complaintId } : undefined
  },
})
