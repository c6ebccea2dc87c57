// /cancel anywhere: drops the open form.
import { Composer } from 'grammy'
import type { BotContext } from '../../context.ts'
import { activeForm, cancelForm } from './form-actions.ts'
import type { IntakeDeps } from './form-context.ts'

/** /cancel in a private chat. */
export function cancelCommand(deps: IntakeDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.chatType('private').command('cancel', async (ctx) => {
    const loaded = await activeForm(ctx, deps)
    if (loaded.status === 'reported') return
    await cancelForm(ctx, deps, loaded.status === 'active' ? loaded.form : undefined)
  })
  return composer
}
