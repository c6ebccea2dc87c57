/** Bot-level settings: identity, webhook, commands, profile texts, callback answers. */
import type { BotCommand, BotCommandScope } from 'grammy/types'
import { Errors } from '../api-error.ts'
import { commandsKey } from '../state.ts'
import type { MethodTable } from './types.ts'

const COMMAND_RE = /^[a-z0-9_]{1,32}$/

function scopeKey(params: import('../params.ts').Params): string {
  return commandsKey(
    params.json<BotCommandScope & { chat_id?: number | string; user_id?: number }>('scope'),
    params.str('language_code'),
  )
}

function profileMethods(what: 'name' | 'description' | 'short_description'): MethodTable {
  const cap = what === 'name' ? 'Name' : what === 'description' ? 'Description' : 'ShortDescription'
  return {
    [`setMy${cap}`]: ({ state, params }) => {
      state.profile.set(`${what}|${params.str('language_code') ?? ''}`, params.str(what) ?? '')
      return true
    },
    [`getMy${cap}`]: ({ state, params }) => ({
      [what]: state.profile.get(`${what}|${params.str('language_code') ?? ''}`) ?? '',
    }),
  }
}

export const botMethods: MethodTable = {
  getMe: ({ state }) => state.bot,

  logOut: () => true,
  close: () => true,

  deleteWebhook({ state, params }) {
    state.webhook = undefined
    if (params.bool('drop_pending_updates')) state.updates.clear()
    return true
  },

  setWebhook({ state, params }) {
    const url = params.str('url') ?? ''
    if (url === '') {
      state.webhook = undefined
      return true
    }
    if (!url.startsWith('https://')) throw Errors.badRequest('bad webhook: An HTTPS URL must be provided for webhook')
    state.webhook = {
      url,
      secretToken: params.str('secret_token'),
      allowedUpdates: params.json<string[]>('allowed_updates'),
      maxConnections: params.int('max_connections'),
    }
    if (params.bool('drop_pending_updates')) state.updates.clear()
    return true
  },

  getWebhookInfo({ state }) {
    return {
      url: state.webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: state.updates.unconfirmed().length,
      ...(state.webhook?.maxConnections ? { max_connections: state.webhook.maxConnections } : {}),
      ...(state.webhook?.allowedUpdates ? { allowed_updates: state.webhook.allowedUpdates } : {}),
    }
  },

  setMyCommands({ state, params }) {
    const commands = params.json<BotCommand[]>('commands')
    if (!Array.isArray(commands)) throw Errors.badRequest('commands is empty')
    if (commands.length > 100) throw Errors.badRequest('too many commands')
    for (const c of commands) {
      if (typeof c.command !== 'string' || !COMMAND_RE.test(c.command)) throw Errors.badRequest('BOT_COMMAND_INVALID')
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256)
        throw Errors.badRequest('BOT_COMMAND_DESCRIPTION_INVALID')
    }
    const key = scopeKey(params)
    if (commands.length === 0) state.commands.delete(key)
    else state.commands.set(key, commands)
    return true
  },

  getMyCommands({ state, params }) {
    return state.commands.get(scopeKey(params)) ?? []
  },

  deleteMyCommands({ state, params }) {
    state.commands.delete(scopeKey(params))
    return true
  },

  ...profileMethods('name'),
  ...profileMethods('description'),
  ...profileMethods('short_description'),

  answerCallbackQuery({ state, params }) {
    const query = state.callbackQueries.get(params.requireStr('callback_query_id'))
    if (!query || query.answer) throw Errors.queryTooOld()
    const text = params.str('text')
    if (text !== undefined && text.length > 200) throw Errors.badRequest('MESSAGE_TOO_LONG')
    query.answer = {
      ...(text !== undefined ? { text } : {}),
      ...(params.bool('show_alert') !== undefined ? { show_alert: params.bool('show_alert') } : {}),
      ...(params.str('url') !== undefined ? { url: params.str('url') } : {}),
      ...(params.int('cache_time') !== undefined ? { cache_time: params.int('cache_time') } : {}),
    }
    state.touch()
    return true
  },
}
