// Where the business is: the area directory's buttons, a shared location, online platforms.
import { InlineKeyboard } from 'grammy'
import { isPickableWhole } from '../../../domain/directory/index.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import type { FormButton } from '../../../telegram/callback-data/form-button.ts'
import { formButtonData } from '../../../telegram/callback-data/form-button.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import { isMessageNotModified } from '../../../telegram/sending/message-not-modified.ts'
import type { BotContext } from '../../context.ts'
import { applyAnswer, refuseButton } from './form-actions.ts'
import { HTML, type IntakeDeps, placeTextKey } from './form-context.ts'
import { askStep } from './prompts.ts'
import { areaName, areaPath, locationScreen, platformScreen, type StepScreen } from './step-keyboards.ts'

/** Shows another screen of a picker in the message of the pressed button. */
export async function showScreen(ctx: BotContext, screen: StepScreen): Promise<void> {
  await ctx.editMessageText(screen.text, { ...HTML, reply_markup: screen.keyboard }).catch(async (error: unknown) => {
    // Pressing the current page again changes nothing, which Telegram reports as an error.
    if (isMessageNotModified(error)) return
    await ctx.reply(screen.text, { ...HTML, reply_markup: screen.keyboard })
  })
}

async function chooseArea(ctx: BotContext, deps: IntakeDeps, form: FormState, code: string): Promise<void> {
  const areas = deps.services.intake.areas
  const area = await areas.area(code)
  if (!area) return refuseButton(ctx, deps, form, ctx.t('intake:location.unknownArea'))
  // The picker offers a community (as a whole) or an area without subdivisions; a district or street must be narrowed.
  if (area.hasChildren && !isPickableWhole(area.level))
    return refuseButton(ctx, deps, form, ctx.t('intake:errors.form.UNKNOWN_CHOICE'))
  const chosen = form.step === 'shopArea' ? 'intake:location.chosenShop' : placeTextKey(form, 'intake:location.chosen')
  const notice = ctx.t(chosen, {
    place: escapeHtml(await areaPath(ctx, areas, code)),
  })
  await applyAnswer(ctx, deps, form, { type: 'location', location: { type: 'area', areaCode: code } }, notice)
}

/** A button of the location step: open a list, choose an area or a platform. */
export async function locationButton(
  ctx: BotContext,
  deps: IntakeDeps,
  form: FormState,
  button: FormButton,
): Promise<void> {
  const areas = deps.services.intake.areas
  const [arg, page] = button.args
  switch (button.action) {
    case 'd': {
      const parent = arg ? await areas.area(arg) : undefined
      if (arg && !parent) return refuseButton(ctx, deps, form, ctx.t('intake:location.unknownArea'))
      if (parent && !parent.hasChildren) return chooseArea(ctx, deps, form, parent.code)
      return showScreen(ctx, await locationScreen(ctx, areas, form, parent?.code, Number(page ?? 0) || 0))
    }
    case 'a':
      return chooseArea(ctx, deps, form, arg ?? '')
    case 'on':
      return showScreen(ctx, await platformScreen(ctx, areas, form))
    case 'pl': {
      const platform = (await areas.platforms()).find((candidate) => candidate.code === arg)
      if (!platform) return refuseButton(ctx, deps, form, ctx.t('intake:errors.form.UNKNOWN_CHOICE'))
      const notice = ctx.t('intake:location.chosenOnline', { platform: escapeHtml(platform.name) })
      return applyAnswer(
        ctx,
        deps,
        form,
        { type: 'location', location: { type: 'online', platformName: platform.name, platformCode: platform.code } },
        notice,
      )
    }
    case 'po':
      return applyAnswer(ctx, deps, form, { type: 'choice', value: 'online-other' })
    default:
      return refuseButton(ctx, deps, form, ctx.t('intake:errors.form.UNKNOWN_CHOICE'))
  }
}

/** A location shared at the location step: the nearest community, or a choice between two. */
export async function sharedLocation(
  ctx: BotContext,
  deps: IntakeDeps,
  form: FormState,
  latitude: number,
  longitude: number,
): Promise<void> {
  const result = await deps.services.intake.areas.nearestCommunity(latitude, longitude)
  if (result.status === 'found') return chooseArea(ctx, deps, form, result.nearest.area.code)
  if (result.status === 'none')
    return askStep(ctx, deps, form, { notice: ctx.t('intake:location.notFound'), from: form.step })
  const keyboard = new InlineKeyboard()
  for (const { area, meters } of result.candidates) {
    keyboard
      .text(
        ctx.t('intake:location.candidate', { name: areaName(ctx, area), meters: Math.round(meters) }),
        formButtonData(form, 'location', 'a', area.code),
      )
      .row()
  }
  keyboard.text(ctx.t('intake:location.pickFromList'), formButtonData(form, 'location', 'd', '', '0'))
  await ctx.reply(ctx.t(placeTextKey(form, 'intake:location.ambiguous')), { ...HTML, reply_markup: keyboard })
}
