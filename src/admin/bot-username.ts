/** The bot's username for t.me links, or why it is not known. */
export type BotUsernameResult = { ok: true; username: string } | { ok: false; reason: string }

/**
 * BOT_USERNAME when set (it wins, so the link works without network access); otherwise getMe on the Bot API
 * with BOT_TOKEN and TELEGRAM_API_ROOT. The token never appears in the reason.
 */
export async function resolveBotUsername(env: NodeJS.ProcessEnv, timeoutMs = 5000): Promise<BotUsernameResult> {
  const override = env.BOT_USERNAME?.trim().replace(/^@/, '')
  if (override) {
    return /^[A-Za-z0-9_]{5,32}$/.test(override) ? { ok: true, username: override } : { ok: false, reason: 'BOT_USERNAME is not a Telegram username' }
  }
  const token = env.BOT_TOKEN?.trim()
  if (!token) return { ok: false, reason: 'BOT_TOKEN is not set' }
  const root = (env.TELEGRAM_API_ROOT?.trim() || 'https://api.telegram.org').replace(/\/+$/, '')
  try {
    const response = await fetch(`${root}/bot${token}/getMe`, { signal: AbortSignal.timeout(timeoutMs) })
    const body = (await response.json()) as { ok?: boolean; result?: { username?: string }; description?: string }
    if (body.ok && body.result?.username) return { ok: true, username: body.result.username }
    return { ok: false, reason: `getMe failed: ${body.description ?? `HTTP ${response.status}`}` }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `getMe failed: ${message.split(token).join('<token>')}` }
  }
}
