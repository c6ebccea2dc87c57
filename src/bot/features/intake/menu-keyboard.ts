// The main menu's buttons.
import { InlineKeyboard } from 'grammy'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import { menuData } from '../../../telegram/callback-data/menu.ts'
import { subscriptionData } from '../../../telegram/callback-data/warnings.ts'
import type { BotContext } from '../../context.ts'

/** File a complaint, report, ask; my complaints, consumer warnings, help, language; "continue" when a form is unfinished. */
export function menuKeyboard(ctx: BotContext, unfinished: FormState | undefined): InlineKeyboard {
  const keyboard = new InlineKeyboard()
  if (unfinished) keyboard.text(ctx.t(`intake:menu.resume.${unfinished.kind}`), menuData.resume).row()
  return keyboard
    .text(ctx.t('intake:menu.complaint'), menuData.start('COMPLAINT'))
    .text(ctx.t('intake:menu.report'), menuData.start('REPORT'))
    .row()
    .text(ctx.t('intake:menu.inquiry'), menuData.start('INQUIRY'))
    .text(ctx.t('intake:menu.myComplaints'), menuData.myComplaints)
    .row()
    .text(ctx.t('intake:menu.warnings'), subscriptionData('s'))
    .row()
    .text(ctx.t('intake:menu.help'), menuData.help)
    .text(ctx.t('intake:menu.language'), menuData.language)
}
