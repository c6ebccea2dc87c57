import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import type { BotContext } from '../../context.ts'
import { botMembership } from './bot-membership.ts'
import { groupBinding } from './group-binding.ts'
import { inviteRedemption } from './invite-redemption.ts'
import { whoami } from './whoami.ts'

/**
 * The access feature: invites (`/start <code>`), station groups (`/bind`, `/unbind`, the bot's own membership)
 * and `/whoami`. Who may do what is decided by services/access, never here.
 */
export function accessFeature(deps: { services: Services }): Composer<BotContext> {
  const feature = new Composer<BotContext>()
  feature.use(botMembership(deps.services))
  feature.use(inviteRedemption(deps.services))
  feature.use(groupBinding(deps.services))
  feature.use(whoami(deps.services))
  return feature
}
