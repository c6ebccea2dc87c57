import { AsyncLocalStorage } from 'node:async_hooks'
import type { DeliveryPriority } from './delivery-priority.ts'

/**
 * What the sender needs to know about the job it is sending for, without threading it through every message
 * kind's code: the job's priority (for the send gate and a group's reserve) and where to record that a message
 * is on its way (so that a re-run after the process died mid-send knows the earlier attempt may have arrived).
 */
export interface SendScope {
  priority: DeliveryPriority
  /** Records, before the request leaves, that a message of `method` is being sent. */
  markSending(method: string): Promise<void>
  /** Clears the mark once the answer (or a certain failure) is in. */
  clearSending(): Promise<void>
  /**
   * Called once the slot is granted, right before the request leaves; a throw cancels the send. For a sender that
   * must never send twice (a warning broadcast), which records the message as on its way only when nothing but
   * the request itself is left.
   */
  beforeRequest?(method: string): Promise<void>
}

const storage = new AsyncLocalStorage<SendScope>()

/** Runs one job's delivery within its scope. */
export function runInSendScope<T>(scope: SendScope, deliver: () => Promise<T>): Promise<T> {
  return storage.run(scope, deliver)
}

/** The scope of the job being delivered, if any (tests and scripts may send outside a job). */
export function currentSendScope(): SendScope | undefined {
  return storage.getStore()
}
