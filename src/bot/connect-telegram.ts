import { Api, type Bot, GrammyError, HttpError } from 'grammy'
import type { BotContext } from './context.ts'

/** How long start-up waits for getMe before giving up with a clear reason. */
export const GET_ME_TIMEOUT_MS = 10_000

export const TELEGRAM_DEFAULT_ROOT = 'https://api.telegram.org'

/** Start-up could not reach Telegram or was refused by it; the message is one line meant for the operator. */
export class TelegramStartupError extends Error {
  override name = 'TelegramStartupError'
}

/**
 * Calls getMe (through grammY's `bot.init`) with a timeout, turning the ways it fails into one line that names the
 * host and what to check: a rejected token, an unreachable or silent Bot API.
 */
export async function connectToTelegram(
  bot: Bot<BotContext>,
  apiRoot: string | undefined,
  timeoutMs = GET_ME_TIMEOUT_MS,
): Promise<void> {
  const host = new URL(apiRoot ?? TELEGRAM_DEFAULT_ROOT).host
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  try {
    // One plain getMe first: a rejected token, a port nobody listens on or a host name that does not resolve is
    // reported at once, where bot.init (which retries network errors) would wait out the whole timeout.
    const first = await new Api(bot.token, { apiRoot: apiRoot ?? TELEGRAM_DEFAULT_ROOT })
      .getMe(abort.signal as Parameters<Api['getMe']>[0])
      .catch((error: unknown) => {
        if (tokenRejected(error) || NOT_THERE.has(networkErrorCode(error) ?? '')) throw error
        return undefined
      })
    if (first) bot.botInfo = first
    else await bot.init(abort.signal as Parameters<typeof bot.init>[0])
  } catch (error) {
    throw new TelegramStartupError(explain(error, host, abort.signal.aborted, timeoutMs), { cause: error })
  } finally {
    clearTimeout(timer)
  }
}

/** Network failures that waiting will not cure: nothing listens on the port, or the host name does not exist. */
const NOT_THERE = new Set(['ECONNREFUSED', 'ENOTFOUND'])

function tokenRejected(error: unknown): error is GrammyError {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)
}

function networkErrorCode(error: unknown): string | undefined {
  if (!(error instanceof HttpError)) return undefined
  const cause = error.error as { code?: string; cause?: { code?: string } } | undefined
  return cause?.code ?? cause?.cause?.code
}

function explain(error: unknown, host: string, timedOut: boolean, timeoutMs: number): string {
  if (tokenRejected(error)) {
    return (
      `the Bot API at ${host} rejected BOT_TOKEN (${error.error_code} ${error.description}): check BOT_TOKEN` +
      " (from @BotFather, or the simulator's token) and TELEGRAM_API_ROOT"
    )
  }
  if (timedOut) {
    return (
      `the Bot API at ${host} did not answer getMe within ${timeoutMs / 1000} s:` +
      ' check the network, a proxy or firewall, and TELEGRAM_API_ROOT'
    )
  }
  if (error instanceof HttpError) {
    return (
      `cannot reach the Bot API at ${host} (${networkErrorCode(error) ?? String((error.error as Error | undefined)?.message ?? error.message)}):` +
      ' check the network, a proxy or firewall, and TELEGRAM_API_ROOT'
    )
  }
  if (error instanceof GrammyError) {
    return `the Bot API at ${host} refused getMe (${error.error_code} ${error.description}): check BOT_TOKEN and TELEGRAM_API_ROOT`
  }
  return `getMe at ${host} failed (${error instanceof Error ? error.message : String(error)}): check TELEGRAM_API_ROOT`
}
