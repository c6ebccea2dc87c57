import { Api } from 'grammy'
import type { AdminConfig } from '../config.ts'

/** The bot's username for t.me links, or why it is not known. */
export type BotUsernameResult = { ok: true; username: string } | { ok: false; reason: string }

/**
 * BOT_USERNAME when set (it wins, so the link works without network access); otherwise getMe on the Bot API
 * with BOT_TOKEN and TELEGRAM_API_ROOT. The token never appears in the reason.
 */
export async function resolveBotUsername(config: AdminConfig, timeoutMs = 5000): Promise<BotUsernameResult> {
  if (config.BOT_USERNAME) return { ok: true, username: config.BOT_USERNAME }
  const token = config.BOT_TOKEN
  if (!token) return { ok: false, reason: 'BOT_TOKEN is not set' }
  const apiRoot = config.TELEGRAM_API_ROOT?.replace(/\/+$/, '')
  const api = new Api(token, { ...(apiRoot ? { apiRoot } : {}), timeoutSeconds: timeoutMs / 1000 })
  try {
    const me = await api.getMe()
    return { ok: true, username: me.username }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: `getMe failed: ${message.split(token).join('<token>')}` }
  }
}
