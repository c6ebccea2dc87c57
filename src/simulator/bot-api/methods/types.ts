/** The contract between the HTTP layer and Bot API method handlers. */
import type { CallRecord } from '../call-log.ts'
import type { Params } from '../params.ts'
import type { FakeState } from '../state.ts'

export interface MethodContext {
  readonly state: FakeState
  readonly params: Params
  readonly call: CallRecord
  /** Aborted when the client closes the connection (e.g. grammY's bot.stop() aborting getUpdates). */
  readonly signal: AbortSignal
}

/** Returns the `result` of the envelope, or throws an ApiError. */
export type MethodHandler = (ctx: MethodContext) => unknown

export type MethodTable = Record<string, MethodHandler>
