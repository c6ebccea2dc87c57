// Edited messages: the form read the answer as first sent, so an edit changes nothing; the consumer is told so,
// and how an answer is changed instead (its ✏️ button on the review card).
import { Composer } from 'grammy'
import type { BotContext } from '../../context.ts'
import { activeForm } from './form-actions.ts'
import { HTML, type IntakeDeps } from './form-context.ts'
import { askStep } from './prompts.ts'

async function explainEdit(ctx: BotContext, deps: IntakeDeps): Promise<void> {
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'reported') return
  if (loaded.status === 'none') {
    await ctx.reply(ctx.t('intake:edited.noForm'), HTML)
    return
  }
  await askStep(ctx, deps, loaded.form, { notice: ctx.t('intake:edited.inForm'), from: loaded.form.step })
}

/** Any edited message in a private chat. */
export function editedMessages(deps: IntakeDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.chatType('private').on('edited_message', (ctx) => explainEdit(ctx, deps))
  return composer
}
