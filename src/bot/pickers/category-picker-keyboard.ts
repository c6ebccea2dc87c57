// The category tree (kind → group → leaf), shared by the complaint form and the warnings' topics.
import { InlineKeyboard } from 'grammy'
import {
  CATEGORY_KINDS,
  type CategoryKind,
  categoryGroup,
  categoryGroupsOfKind,
} from '../../domain/intake/categories.ts'
import type { BotContext } from '../context.ts'
import { pager } from './area-picker-keyboard.ts'

/** Buttons per page of a category list. */
const CATEGORIES_PER_PAGE = 8

/** The data of the picker's buttons. */
export interface CategoryPickerButtons {
  top(): string
  kind(kind: CategoryKind, page: number): string
  group(code: string, page: number): string
  leaf(code: string): string
}

/** Where in the tree the picker is. */
export interface CategoryLevel {
  kind?: CategoryKind
  group?: string
  page?: number
}

/** One screen of the tree: its title and buttons (the caller adds its own rows after them). */
export function categoryPickerKeyboard(
  ctx: BotContext,
  buttons: CategoryPickerButtons,
  level: CategoryLevel = {},
): { title: string; keyboard: InlineKeyboard } {
  const keyboard = new InlineKeyboard()
  const page = level.page ?? 0
  const group = level.group === undefined ? undefined : categoryGroup(level.group)
  if (group) {
    const leaves = group.children.slice(page * CATEGORIES_PER_PAGE, (page + 1) * CATEGORIES_PER_PAGE)
    for (const leaf of leaves) keyboard.text(ctx.t(`categories:${leaf}`), buttons.leaf(leaf)).row()
    pager(keyboard, page, Math.ceil(group.children.length / CATEGORIES_PER_PAGE), (p) => buttons.group(group.code, p))
    keyboard.row().text(ctx.t('intake:location.up'), buttons.kind(group.kind, 0))
    return { title: ctx.t('intake:category.pickLeaf', { group: ctx.t(`categories:${group.code}`) }), keyboard }
  }
  if (level.kind) {
    const kind = level.kind
    const groups = categoryGroupsOfKind(kind)
    groups.slice(page * CATEGORIES_PER_PAGE, (page + 1) * CATEGORIES_PER_PAGE).forEach((g, index) => {
      keyboard.text(ctx.t(`categories:${g.code}`), buttons.group(g.code, 0))
      if (index % 2 === 1) keyboard.row()
    })
    pager(keyboard, page, Math.ceil(groups.length / CATEGORIES_PER_PAGE), (p) => buttons.kind(kind, p))
    keyboard.row().text(ctx.t('intake:location.up'), buttons.top())
    return { title: ctx.t('intake:category.pickGroup', { kind: ctx.t(`categories:KIND_${kind}`) }), keyboard }
  }
  for (const kind of CATEGORY_KINDS) keyboard.text(ctx.t(`categories:KIND_${kind}`), buttons.kind(kind, 0))
  return { title: ctx.t('intake:category.pickKind'), keyboard }
}
