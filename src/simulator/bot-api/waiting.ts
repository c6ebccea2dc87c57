/**
 * Change notification + "wait until" primitive used by every waiting helper
 * (nextMessage, waitFor, waitForCall, idle). Whenever the fake's state changes
 * it calls {@link ChangeFeed.notify}; waiters re-evaluate their condition.
 */

/** Default timeout of all waiting helpers (ms). */
export const DEFAULT_TIMEOUT_MS = 5_000

/**
 * How long a test watches for something that must NOT happen (a second reply, a duplicate card). A negative can only
 * be checked over a window; this is the one window every such check uses. Callers first wait for everything that
 * should happen (a reply, `tg.idle()`), so the window only has to cover one more update handled and one more Bot API
 * call, which take well under 100 ms even on a loaded 2-core CI machine: 1 s is ten times that.
 */
export const QUIET_WINDOW_MS = 1_000

/** Lets {@link QUIET_WINDOW_MS} pass, for "nothing else arrives" checks. */
export function quietWindow(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, QUIET_WINDOW_MS))
}

export class ChangeFeed {
  private readonly listeners = new Set<() => void>()

  notify(): void {
    for (const l of [...this.listeners]) l()
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

export interface WaitOptions {
  /** Give up after this many ms (default {@link DEFAULT_TIMEOUT_MS}). */
  timeout?: number
}

export interface WaitSpec<T> {
  /** Returns the awaited value, or undefined while the condition does not hold yet. */
  check: () => T | undefined
  /** What is being waited for, e.g. `next bot message in chat 42`. */
  label: string
  /** Context appended to the timeout error (what the bot did instead). */
  explain: () => string
  timeout?: number
  /** Also re-check every `pollMs` (for time-based conditions such as quiet periods). */
  pollMs?: number
}

/**
 * Resolves as soon as `check()` returns a value. The Error is created up
 * front so that its stack trace points at the test that was waiting.
 */
export function waitUntil<T>(feed: ChangeFeed, spec: WaitSpec<T>): Promise<T> {
  const timeout = spec.timeout ?? DEFAULT_TIMEOUT_MS
  const failure = new Error(spec.label)
  Error.captureStackTrace?.(failure, waitUntil)
  return new Promise<T>((resolve, reject) => {
    let done = false
    const finish = (fn: () => void): void => {
      if (done) return
      done = true
      unsubscribe()
      clearTimeout(timer)
      if (poller) clearInterval(poller)
      fn()
    }
    const evaluate = (): void => {
      let value: T | undefined
      try {
        value = spec.check()
      } catch (err) {
        finish(() => reject(err))
        return
      }
      if (value !== undefined) finish(() => resolve(value))
    }
    const unsubscribe = feed.subscribe(evaluate)
    const timer = setTimeout(() => {
      finish(() => {
        failure.message = `Timed out after ${timeout} ms waiting for ${spec.label}.\n${spec.explain()}`
        reject(failure)
      })
    }, timeout)
    const poller = spec.pollMs ? setInterval(evaluate, spec.pollMs) : undefined
    evaluate()
  })
}
