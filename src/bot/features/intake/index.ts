import { Composer } from 'grammy'
import type { BotContext } from '../../context.ts'
import { cancelCommand } from './cancel.ts'
import { editedMessages } from './edited-messages.ts'
import { answerQuietly } from './form-actions.ts'
import type { IntakeDeps } from './form-context.ts'
import { formMessages } from './form-messages.ts'
import { help } from './help.ts'
import { languageChoice } from './language.ts'
import { mainMenu } from './menu.ts'

export { intakeLane } from './intake-lane.ts'

/**
 * The consumer's side: the main menu (/start), language, help, and the complaint / report / inquiry forms (whose
 * buttons and plain answers arrive through the form lane, ahead of the features). Form state lives in Redis
 * (services.intake.forms); the steps are the pure engine of domain/intake-form.
 */
export function intakeFeature(deps: IntakeDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>()
  feature.callbackQuery(/^(?:m|lang):/, async (ctx, next) => {
    try {
      await next()
    } finally {
      await answerQuietly(ctx)
    }
  })
  feature.use(mainMenu(deps))
  feature.use(languageChoice(deps))
  feature.use(help())
  feature.use(cancelCommand(deps))
  feature.use(formMessages(deps))
  feature.use(editedMessages(deps))
  return feature
}
