import { Composer } from 'grammy'
import type { Services } from '../../../services/services.ts'
import type { BotContext } from '../../context.ts'
import { broadcastButtons } from './broadcast-buttons.ts'
import { filingOffer } from './filing-offer.ts'
import { hotSpotButton } from './hot-spot-button.ts'
import { recentWarnings } from './recent.ts'
import { subscriptions } from './subscribe.ts'
import { warnComposer } from './warn-composer.ts'
import { warnInputs } from './warn-inputs.ts'

/**
 * Consumer warnings (docs/warnings.md): consumers' /subscribe, /subscriptions, /warnings, the offer after a filing
 * and a warning's unsubscribe button; staff's and admins' /warn composer, its typed answers, and the broadcast's
 * pause/resume/cancel, and a hot-spot suggestion's "draft a warning" button (openWarningDraft in warn-composer.ts starts the composer prefilled). Registered after the tickets feature (whose input handler reads the pending input
 * first, answers /cancel and a dropped one, and passes a draft's answers, /cancel included, on) and before intake.
 */
export function warningsFeature(deps: { services: Services }): Composer<BotContext> {
  const feature = new Composer<BotContext>()
  feature.use(warnInputs(deps.services))
  feature.use(subscriptions(deps.services))
  feature.use(warnComposer(deps.services))
  feature.use(broadcastButtons(deps.services))
  feature.use(hotSpotButton(deps.services))
  feature.use(filingOffer(deps.services))
  feature.use(recentWarnings(deps.services))
  return feature
}
