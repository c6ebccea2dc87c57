// Which subscriptions a warning's topic reaches: subscribers choose topics from the complaint categories.
import { categoryGroup, isCategoryGroup, parentOf } from '../intake/categories.ts'

/**
 * The topics a subscription may have chosen for a warning about `categoryCode` to reach it: the code itself, its
 * group (a subscriber of "food" hears about packaged food) and, for a group, every leaf in it. A subscription
 * with no topics hears about everything; a warning without a topic reaches every subscription of its areas
 * (undefined).
 */
export function topicsReached(categoryCode: string | null | undefined): string[] | undefined {
  if (!categoryCode) return undefined
  const group = parentOf(categoryCode)
  if (group) return [categoryCode, group]
  return [categoryCode, ...(categoryGroup(categoryCode)?.children ?? [])]
}

/** A code a subscription or a warning may carry as its topic: a group or a leaf of the category tree. */
export function isTopic(code: string): boolean {
  return isCategoryGroup(code) || parentOf(code) !== undefined
}
