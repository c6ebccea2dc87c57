import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import { parseTicketActionData, retiredTicketAction } from '../../../telegram/callback-data/ticket-action.ts'
import type { BotContext } from '../../context.ts'
import { respondToAction } from './action-inputs.ts'
import { answeredAsCopy } from './card-copy.ts'

/**
 * Presses of ticket-card buttons (`t:<action>:<complaint id>`), in station groups and liaisons' chats. The data
 * names an action and a ticket only: the presser, their roles and the ticket's status are all re-checked by the
 * tickets service; a forged or foreign press is refused with an alert and changes nothing.
 */
export function ticketActions(services: Services): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.callbackQuery(/^t:/, async (ctx) => {
    const data = parseTicketActionData(ctx.callbackQuery.data)
    const retired = retiredTicketAction(ctx.callbackQuery.data)
    if (retired) {
      await ctx.answerCallbackQuery({ text: ctx.t(`tickets:answers.retired.${retired}`), show_alert: true })
      return
    }
    if (!data || !ctx.person) {
      await ctx.answerCallbackQuery({ text: ctx.t('tickets:answers.staleButton'), show_alert: true })
      return
    }
    if (await answeredAsCopy(ctx, services, data.complaintId)) return
    const result = await services.tickets.actOnTicket({
      complaintId: data.complaintId,
      personId: ctx.person.id,
      action: data.action,
    })
    if (result.status !== 'done')
      ctx.log.info(
        { complaintId: data.complaintId, action: data.action, outcome: result.status },
        'ticket action not taken',
      )
    await respondToAction(ctx, services, result, {}, 'press')
  })
  return composer
}
