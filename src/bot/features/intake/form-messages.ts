// Messages sent while a form is open: answers (text, contact, location, files) and anything else, which
// gets a hint about the current question.
import { Composer } from 'grammy'
import type { Message } from 'grammy/types'
import type { FormAnswer } from '../../../domain/intake-form/answers.ts'
import { formError } from '../../../domain/intake-form/form-errors.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { commandOf, unknownCommandText } from '../../commands.ts'
import type { BotContext } from '../../context.ts'
import { evidenceOf } from './evidence.ts'
import { activeForm, applyAnswer, cancelForm, refuse, reportLostForm, stepBack } from './form-actions.ts'
import { alreadyApplied, consumerId, type IntakeDeps } from './form-context.ts'
import { sharedLocation } from './location.ts'
import { askStep } from './prompts.ts'

/** A message in a private chat while a form is open: an answer, or a hint. Without an open form it passes on. */
export async function answerForm(ctx: BotContext, deps: IntakeDeps, next: () => Promise<void>): Promise<void> {
  const message = ctx.message
  if (!message || message.text?.startsWith('/')) return next()
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'none') return (await isLostFormMessage(ctx, deps, message)) ? reportLostForm(ctx) : next()
  if (loaded.status === 'reported') return
  const { form } = loaded
  if (alreadyApplied(ctx, form)) return

  // The reply keyboard's Back and Cancel arrive as text.
  if (message.text === ctx.t('intake:buttons.back')) return stepBack(ctx, deps, form)
  if (message.text === ctx.t('intake:buttons.cancel')) return cancelForm(ctx, deps, form)

  if (message.location && form.step === 'location') {
    return sharedLocation(ctx, deps, form, message.location.latitude, message.location.longitude)
  }
  let answer: FormAnswer | undefined
  const file = evidenceOf(message)
  if (message.text !== undefined) answer = { type: 'text', text: message.text }
  else if (message.contact) {
    const { contact } = message
    const isOwn = contact.user_id !== undefined && contact.user_id === ctx.from?.id
    answer = {
      type: 'contact',
      contact: { isOwn, phoneNumber: contact.phone_number, firstName: contact.first_name, lastName: contact.last_name },
    }
  } else if (file) answer = { type: 'file', file }
  if (!answer) return refuse(ctx, deps, form, formError('UNEXPECTED_INPUT'))
  await applyAnswer(ctx, deps, form, answer)
}

/**
 * A message only a form asks for (a reply-keyboard Back or Cancel, a shared contact or location) while no form is
 * stored, from a user with no record of any started form: the form and its record were lost together.
 */
async function isLostFormMessage(ctx: BotContext, deps: IntakeDeps, message: Message): Promise<boolean> {
  const formOnly =
    message.contact !== undefined ||
    message.location !== undefined ||
    message.text === ctx.t('intake:buttons.back') ||
    message.text === ctx.t('intake:buttons.cancel')
  return formOnly && !(await deps.services.intake.forms.startedAny(consumerId(ctx)))
}

/** A command no feature knows, while a form is open: says so, with the commands, and asks the question again. */
async function unknownCommandInForm(
  ctx: BotContext,
  deps: IntakeDeps,
  command: string,
  next: () => Promise<void>,
): Promise<void> {
  const loaded = await activeForm(ctx, deps)
  if (loaded.status === 'none') return next()
  if (loaded.status === 'reported') return
  await askStep(ctx, deps, loaded.form, {
    notice: `⚠️ ${escapeHtml(unknownCommandText(ctx.t, command))}`,
    from: loaded.form.step,
  })
}

/**
 * Form answers in private chats that the form lane left to the feature chain (replies, a pending input's leftovers),
 * and commands that no feature before this one took.
 */
export function formMessages(deps: IntakeDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>()
  composer.chatType('private').on('message', (ctx, next) => {
    const command = commandOf(ctx.message.text)
    return command ? unknownCommandInForm(ctx, deps, command, next) : answerForm(ctx, deps, next)
  })
  return composer
}
