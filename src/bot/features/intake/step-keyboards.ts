// Inline keyboards of the steps answered with buttons: the area directory, categories, demands.
import { InlineKeyboard } from 'grammy'
import { isPickableWhole } from '../../../domain/directory/index.ts'
import type { CategoryKind } from '../../../domain/intake/categories.ts'
import { DEMAND_CODES } from '../../../domain/intake/demands.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import type { StepId } from '../../../domain/intake-form/steps.ts'
import type { AreaPicker } from '../../../services/intake/area-picker.ts'
import { formButtonData } from '../../../telegram/callback-data/form-button.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'
import { areaName, areaPickerKeyboard } from '../../pickers/area-picker-keyboard.ts'
import { categoryPickerKeyboard } from '../../pickers/category-picker-keyboard.ts'
import { placeTextKey } from './form-context.ts'

/** A screen of a step: the text above the buttons and the buttons. */
export interface StepScreen {
  text: string
  keyboard: InlineKeyboard
}

/** The last row of every form keyboard: Back (or back to the review card) and Cancel. */
export function addNavigation(
  ctx: BotContext,
  keyboard: InlineKeyboard,
  form: FormState,
  step: StepId = form.step,
): InlineKeyboard {
  keyboard.row()
  if (form.editing) keyboard.text(ctx.t('intake:buttons.backToReview'), formButtonData(form, step, 'back'))
  else if (form.trail.length > 0) keyboard.text(ctx.t('intake:buttons.back'), formButtonData(form, step, 'back'))
  return keyboard.text(ctx.t('intake:buttons.cancel'), formButtonData(form, step, 'cancel'))
}

export { areaName }

/** `东坡区 › 通惠街道 › 诗书社区`. */
export async function areaPath(ctx: BotContext, areas: AreaPicker, code: string): Promise<string> {
  return (await areas.path(code)).map((area) => areaName(ctx, area)).join(' › ')
}

/**
 * One page of the area directory below `parentCode` (the top of the region when undefined): areas with
 * children open their list, the others are chosen; a community's grids come with "the whole community".
 */
export async function locationScreen(
  ctx: BotContext,
  areas: AreaPicker,
  form: FormState,
  parentCode?: string,
  page = 0,
): Promise<StepScreen> {
  // The same picker places the business (location) and the address an online shop shows (shopArea).
  const step = form.step === 'shopArea' ? 'shopArea' : 'location'
  const { keyboard, list } = await areaPickerKeyboard(
    ctx,
    areas,
    {
      open: (code, p) => formButtonData(form, step, 'd', code, String(p)),
      choose: (code) => formButtonData(form, step, 'a', code),
    },
    { wholeLabel: (parent) => (isPickableWhole(parent.level) ? ctx.t('intake:location.wholeCommunity') : undefined) },
    parentCode,
    page,
  )
  const parent = list.parent
  if (!parent && step === 'shopArea')
    keyboard.text(ctx.t('intake:buttons.shopOutside'), formButtonData(form, step, 'c', 'outside'))
  else if (!parent) keyboard.text(ctx.t('intake:location.online'), formButtonData(form, step, 'on'))
  addNavigation(ctx, keyboard, form)
  const where = parent ? `\n📍 ${escapeHtml(await areaPath(ctx, areas, parent.code))}` : ''
  const ask = step === 'location' ? placeTextKey(form, 'intake:ask.location') : 'intake:ask.shopArea'
  const text = `${ctx.t(ask)}${where}\n${ctx.t(parent ? `intake:location.pick${parent.level}` : step === 'shopArea' ? 'intake:location.pickCITY' : 'intake:location.pickTop')}`
  return { text, keyboard }
}

/** The online platforms of the directory, and "another platform". */
export async function platformScreen(ctx: BotContext, areas: AreaPicker, form: FormState): Promise<StepScreen> {
  const keyboard = new InlineKeyboard()
  ;(await areas.platforms()).forEach((platform, index) => {
    keyboard.text(platform.name, formButtonData(form, 'location', 'pl', platform.code))
    if (index % 3 === 2) keyboard.row()
  })
  keyboard.row().text(ctx.t('intake:location.otherPlatform'), formButtonData(form, 'location', 'po'))
  keyboard.row().text(ctx.t('intake:location.up'), formButtonData(form, 'location', 'd', '', '0'))
  addNavigation(ctx, keyboard, form)
  return { text: ctx.t('intake:location.pickPlatform'), keyboard }
}

/** Categories: kinds (goods, services, other) → groups of a kind → leaves of a group, paged. */
export function categoryScreen(
  ctx: BotContext,
  form: FormState,
  level: { kind?: CategoryKind; group?: string; page?: number } = {},
): StepScreen {
  const { title, keyboard } = categoryPickerKeyboard(
    ctx,
    {
      top: () => formButtonData(form, 'category', 'r'),
      kind: (kind, page) => formButtonData(form, 'category', 'k', kind, String(page)),
      group: (code, page) => formButtonData(form, 'category', 'g', code, String(page)),
      leaf: (code) => formButtonData(form, 'category', 'c', code),
    },
    level,
  )
  addNavigation(ctx, keyboard, form)
  return { text: `${ctx.t('intake:ask.category')}\n${title}`, keyboard }
}

/** The demands as toggles (✅ when chosen) and "Done". */
export function demandsKeyboard(ctx: BotContext, form: FormState): InlineKeyboard {
  const chosen = new Set(form.draft.demands ?? [])
  const keyboard = new InlineKeyboard()
  DEMAND_CODES.forEach((demand, index) => {
    const label = `${chosen.has(demand) ? '✅ ' : ''}${ctx.t(`intake:demands.${demand}`)}`
    keyboard.text(label, formButtonData(form, 'demands', 't', demand))
    if (index % 2 === 1) keyboard.row()
  })
  keyboard.row().text(ctx.t('intake:buttons.done'), formButtonData(form, 'demands', 'done'))
  return addNavigation(ctx, keyboard, form)
}
