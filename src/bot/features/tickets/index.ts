import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import type { BotContext } from '../../context.ts'
import { actionInputs } from './action-inputs.ts'
import { myComplaints } from './my-complaints.ts'
import { rating } from './rating.ts'
import { relay } from './relay.ts'
import { showContact } from './show-contact.ts'
import { ticketActions } from './ticket-actions.ts'

/**
 * The tickets feature: card buttons (`t:`) and their inputs (`tc:`), the card's "show contact" (`sc:`), the
 * consumer's `/my` and `my:` buttons, the rating (`rate:`), and the relay of replies. It consumes only updates that are its own and passes the rest on
 * (private text that is not a reply reaches the intake feature registered after it).
 */
export function ticketsFeature(deps: { services: Services }): Composer<BotContext> {
  const feature = new Composer<BotContext>()
  feature.use(ticketActions(deps.services))
  feature.use(showContact(deps.services))
  // Before the relay: a staff member typing an amount in a ticket's topic answers the bot, not the consumer.
  feature.use(actionInputs(deps.services))
  feature.use(rating(deps.services))
  feature.use(myComplaints(deps.services))
  feature.use(relay(deps.services))
  return feature
}
