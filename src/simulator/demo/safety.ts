/**
 * The demo must never be confused with production: it binds to 127.0.0.1 unless DEMO_HOST says otherwise, and it
 * refuses to start when the environment points at real Telegram.
 *
 * Rule: TELEGRAM_API_ROOT whose host is telegram.org or a subdomain (api.telegram.org), or a BOT_TOKEN shaped like
 * one @BotFather issues (digits, a colon, then 35 characters starting with "AA"), is real Telegram. The demo uses
 * a token of its own (see DEMO_BOT_TOKEN), which has no "AA" and could never be accepted by Telegram.
 */

/** The token the demo's Bot API server accepts; deliberately not shaped like a real one. */
export const DEMO_BOT_TOKEN = '1000000001:DEMO-simulator-token-not-for-telegram'

const REAL_TOKEN = /^\d{6,12}:AA[A-Za-z0-9_-]{33}$/

/** Returns why the environment is unsafe for a simulation, or undefined when it is safe. */
export function realTelegramReason(env: NodeJS.ProcessEnv): string | undefined {
  const root = env.TELEGRAM_API_ROOT?.trim()
  if (root) {
    let host: string
    try {
      host = new URL(root).hostname.toLowerCase()
    } catch {
      return `TELEGRAM_API_ROOT=${root} is not a URL`
    }
    if (host === 'telegram.org' || host.endsWith('.telegram.org')) {
      return `TELEGRAM_API_ROOT points at real Telegram (${host}); unset it, the demo runs its own Bot API server`
    }
  }
  const token = env.BOT_TOKEN?.trim()
  if (token && REAL_TOKEN.test(token)) {
    return 'BOT_TOKEN looks like a real token from @BotFather; unset it (the demo uses a simulator token of its own)'
  }
  return undefined
}

/** The interface to bind: 127.0.0.1 unless DEMO_HOST asks for another one. */
export function demoHost(env: NodeJS.ProcessEnv): string {
  return env.DEMO_HOST?.trim() || '127.0.0.1'
}
