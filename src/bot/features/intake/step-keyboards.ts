// Inline keyboards of the steps answered with buttons: the area directory, categories, demands.
import { InlineKeyboard } from 'grammy'
import { isPickableWhole } from '../../../domain/directory/index.ts'
import {
  CATEGORY_KINDS,
  type CategoryKind,
  categoryGroup,
  categoryGroupsOfKind,
} from '../../../domain/intake/categories.ts'
import { DEMAND_CODES } from '../../../domain/intake/demands.ts'
import type { FormState } from '../../../domain/intake-form/form-state.ts'
import type { StepId } from '../../../domain/intake-form/steps.ts'
import type { AreaChoice, AreaPicker } from '../../../services/intake/area-picker.ts'
import { formButtonData } from '../../../telegram/callback-data/form-button.ts'
import { escapeHtml } from '../../../telegram/html.ts'
import type { BotContext } from '../../context.ts'

/** Buttons per page of a category list. */
const CATEGORIES_PER_PAGE = 8

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

/** An area's name in the consumer's language. */
export function areaName(ctx: BotContext, area: Pick<AreaChoice, 'name' | 'nameEn'>): string {
  return ctx.locale === 'en' && area.nameEn ? area.nameEn : area.name
}

/** `东坡区 › 通惠街道 › 诗书社区`. */
export async function areaPath(ctx: BotContext, areas: AreaPicker, code: string): Promise<string> {
  return (await areas.path(code)).map((area) => areaName(ctx, area)).join(' › ')
}

function pager(keyboard: InlineKeyboard, page: number, pageCount: number, data: (page: number) => string): void {
  if (pageCount <= 1) return
  keyboard.row()
  if (page > 0) keyboard.text('◀️', data(page - 1))
  keyboard.text(`${page + 1}/${pageCount}`, data(page))
  if (page < pageCount - 1) keyboard.text('▶️', data(page + 1))
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
  const list = await areas.children(parentCode, page)
  const keyboard = new InlineKeyboard()
  const parent = list.parent
  if (parent && isPickableWhole(parent.level))
    keyboard.text(ctx.t('intake:location.wholeCommunity'), formButtonData(form, step, 'a', parent.code)).row()
  list.items.forEach((area, index) => {
    keyboard.text(
      areaName(ctx, area),
      formButtonData(form, step, area.hasChildren ? 'd' : 'a', area.code, ...(area.hasChildren ? ['0'] : [])),
    )
    if (index % 2 === 1) keyboard.row()
  })
  pager(keyboard, list.page, list.pageCount, (p) => formButtonData(form, step, 'd', parentCode ?? '', String(p)))
  keyboard.row()
  if (parent) {
    const up = (await areas.isRoot(parent.code)) ? '' : (parent.parentCode ?? '')
    keyboard.text(ctx.t('intake:location.up'), formButtonData(form, step, 'd', up, '0'))
  } else if (step === 'shopArea') {
    keyboard.text(ctx.t('intake:buttons.shopOutside'), formButtonData(form, step, 'c', 'outside'))
  } else {
    keyboard.text(ctx.t('intake:location.online'), formButtonData(form, step, 'on'))
  }
  addNavigation(ctx, keyboard, form)
  const where = parent ? `\n📍 ${escapeHtml(await areaPath(ctx, areas, parent.code))}` : ''
  const text = `${ctx.t(`intake:ask.${step}`)}${where}\n${ctx.t(parent ? `intake:location.pick${parent.level}` : step === 'shopArea' ? 'intake:location.pickCITY' : 'intake:location.pickTop')}`
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
  const keyboard = new InlineKeyboard()
  const page = level.page ?? 0
  const group = level.group === undefined ? undefined : categoryGroup(level.group)
  let title: string
  if (group) {
    title = ctx.t('intake:category.pickLeaf', { group: ctx.t(`categories:${group.code}`) })
    const leaves = group.children.slice(page * CATEGORIES_PER_PAGE, (page + 1) * CATEGORIES_PER_PAGE)
    for (const leaf of leaves)
      keyboard.text(ctx.t(`categories:${leaf}`), formButtonData(form, 'category', 'c', leaf)).row()
    pager(keyboard, page, Math.ceil(group.children.length / CATEGORIES_PER_PAGE), (p) =>
      formButtonData(form, 'category', 'g', group.code, String(p)),
    )
    keyboard.row().text(ctx.t('intake:location.up'), formButtonData(form, 'category', 'k', group.kind, '0'))
  } else if (level.kind) {
    title = ctx.t('intake:category.pickGroup', { kind: ctx.t(`categories:KIND_${level.kind}`) })
    const groups = categoryGroupsOfKind(level.kind)
    groups.slice(page * CATEGORIES_PER_PAGE, (page + 1) * CATEGORIES_PER_PAGE).forEach((g, index) => {
      keyboard.text(ctx.t(`categories:${g.code}`), formButtonData(form, 'category', 'g', g.code, '0'))
      if (index % 2 === 1) keyboard.row()
    })
    pager(keyboard, page, Math.ceil(groups.length / CATEGORIES_PER_PAGE), (p) =>
      formButtonData(form, 'category', 'k', level.kind ?? '', String(p)),
    )
    keyboard.row().text(ctx.t('intake:location.up'), formButtonData(form, 'category', 'r'))
  } else {
    title = ctx.t('intake:category.pickKind')
    for (const kind of CATEGORY_KINDS)
      keyboard.text(ctx.t(`categories:KIND_${kind}`), formButtonData(form, 'category', 'k', kind, '0'))
  }
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
