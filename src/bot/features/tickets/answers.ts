import type { ComplaintStatus } from '../../../domain/lifecycle/index.ts'
import type { TicketActionResult } from '../../../services/tickets/ticket-action-result.ts'
import { formatShanghaiTime } from '../../../telegram/format.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'

type Problem = Exclude<TicketActionResult, { status: 'done' } | { status: 'needs-input' }>

/** The localized text of an action that did not happen (plain text, for alerts). */
export function problemText(ctx: BotContext, result: Problem): string {
  const t = ctx.t
  switch (result.status) {
    case 'stale': {
      const status = statusLabel(ctx, result.currentStatus)
      const last = result.lastAction
      if (!last?.actorName) return t('tickets:answers.staleNoActor', { status })
      return t('tickets:answers.stale', {
        step: t(`tickets:steps.${last.action}`, { defaultValue: last.action }),
        actor: last.actorName,
        time: formatShanghaiTime(last.at),
        status,
      })
    }
    case 'forbidden':
      return t('tickets:answers.forbidden')
    case 'not-found':
      return t('tickets:answers.notFound')
    case 'refused':
      if (result.reason === 'NOT_ALLOWED_FOR_STATION') return t('tickets:answers.refusedForStation')
      if (result.reason === 'ALREADY_EXTENDED') return t('tickets:answers.alreadyExtended')
      if (result.reason === 'NO_ESCALATION_TARGET') return t('tickets:answers.noEscalationTarget')
      if (result.reason === 'NOTICE_NOT_OWED') return t('tickets:answers.noticeNotOwed')
      if (result.reason === 'NOTICE_UNDELIVERED')
        return t('tickets:answers.noticeUndelivered', { button: t('delivery:actions.RECORD_NOTICE') })
      return t('tickets:answers.refused')
    case 'invalid-input':
      return t(`tickets:answers.invalid.${result.reason}`, { defaultValue: t('tickets:answers.invalid.other') })
  }
}

export function statusLabel(ctx: BotContext, status: ComplaintStatus): string {
  return ctx.t(`status:statuses.${status}`)
}

/** A person's name for a prompt addressed to them in a group. */
export function personName(ctx: BotContext): string {
  return escapeHtml(ctx.from?.first_name ?? '')
}

/** Where in the chat a reply goes: the same forum topic as the update's message. */
export function sameThread(ctx: BotContext): { message_thread_id?: number } {
  const msg = ctx.callbackQuery?.message ?? ctx.msg
  return msg && 'is_topic_message' in msg && msg.is_topic_message && msg.message_thread_id
    ? { message_thread_id: msg.message_thread_id }
    : {}
}

/** Alerts must be plain text of at most 200 characters. */
export function alertText(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .slice(0, 200)
}
