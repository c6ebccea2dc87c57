// The district → street → community → grid picker, shared by the complaint form and the warnings: each caller
// says what its buttons carry (the form's `f:` data, a subscription's `ws:`, a draft's `w:`).
import { InlineKeyboard } from 'grammy'
import type { AreaChoice, AreaPage, AreaPicker } from '../../services/intake/area-picker.ts'
import type { BotContext } from '../context.ts'

/** The data of the picker's buttons. */
export interface AreaPickerButtons {
  /** Opens the list of an area's children ('' = the top of the region), at a page. */
  open(parentCode: string, page: number): string
  /** Chooses an area. */
  choose(code: string): string
}

export interface AreaPickerOptions {
  /** The label of "all of this area" above the list of its children, when it may be chosen as a whole. */
  wholeLabel(parent: AreaChoice): string | undefined
  /** The areas at the top instead of the region's districts (a station's own areas). */
  roots?: readonly AreaChoice[]
}

/** An area's name in the person's language. */
export function areaName(ctx: BotContext, area: Pick<AreaChoice, 'name' | 'nameEn'>): string {
  return ctx.locale === 'en' && area.nameEn ? area.nameEn : area.name
}

export function pager(keyboard: InlineKeyboard, page: number, pageCount: number, data: (page: number) => string): void {
  if (pageCount <= 1) return
  keyboard.row()
  if (page > 0) keyboard.text('◀️', data(page - 1))
  keyboard.text(`${page + 1}/${pageCount}`, data(page))
  if (page < pageCount - 1) keyboard.text('▶️', data(page + 1))
}

/**
 * One page of the areas below `parentCode` (the top when undefined): areas with children open their list, the
 * others are chosen; "all of it" first when the options allow; "up" last (the caller adds its own row after it).
 */
export async function areaPickerKeyboard(
  ctx: BotContext,
  areas: AreaPicker,
  buttons: AreaPickerButtons,
  options: AreaPickerOptions,
  parentCode?: string,
  page = 0,
): Promise<{ keyboard: InlineKeyboard; list: AreaPage }> {
  const list =
    options.roots && parentCode === undefined ? rootPage(options.roots, page) : await areas.children(parentCode, page)
  const keyboard = new InlineKeyboard()
  const parent = list.parent
  const whole = parent ? options.wholeLabel(parent) : undefined
  if (parent && whole) keyboard.text(whole, buttons.choose(parent.code)).row()
  list.items.forEach((area, index) => {
    keyboard.text(areaName(ctx, area), area.hasChildren ? buttons.open(area.code, 0) : buttons.choose(area.code))
    if (index % 2 === 1) keyboard.row()
  })
  pager(keyboard, list.page, list.pageCount, (p) => buttons.open(parentCode ?? '', p))
  keyboard.row()
  if (parent) {
    const atTop = options.roots
      ? options.roots.some((root) => root.code === parent.code)
      : await areas.isRoot(parent.code)
    keyboard.text(ctx.t('intake:location.up'), buttons.open(atTop ? '' : (parent.parentCode ?? ''), 0))
  }
  return { keyboard, list }
}

function rootPage(roots: readonly AreaChoice[], page: number): AreaPage {
  const perPage = 8
  const pageCount = Math.max(1, Math.ceil(roots.length / perPage))
  const safe = Math.min(Math.max(0, page), pageCount - 1)
  return { parent: undefined, items: roots.slice(safe * perPage, (safe + 1) * perPage), page: safe, pageCount }
}
