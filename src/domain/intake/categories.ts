/**
 * Category of the goods or service complained about: a two-level tree of stable codes.
 *
 * Structure lives in `categories.json`; labels live in `locales/<lang>/categories.json`, keyed by
 * the same codes (plus `KIND_<kind>` for the kinds).
 */
import data from './categories.json' with { type: 'json' }

/** Top-level split used by 12315 statistics: goods (商品) vs services (服务). */
export const CATEGORY_KINDS = ['GOODS', 'SERVICES', 'OTHER'] as const

export type CategoryKind = (typeof CATEGORY_KINDS)[number]

export interface CategoryGroup {
  readonly code: string
  readonly kind: CategoryKind
  /** Leaf category codes. */
  readonly children: readonly string[]
}

export interface CategoryTree {
  readonly version: number
  readonly groups: readonly CategoryGroup[]
}

/** Stable error codes of {@link validateCategoryTree}. */
export const CATEGORY_TREE_ERROR_CODES = [
  /** Not `{ version, groups: [{ code, kind, children: [...] }] }`, or a code not `UPPER_SNAKE`. */
  'MALFORMED',
  /** A group without children. */
  'EMPTY_GROUP',
  /** A code used twice anywhere in the tree; carries `code`. */
  'DUPLICATE_CODE',
] as const

export type CategoryTreeErrorCode = (typeof CATEGORY_TREE_ERROR_CODES)[number]

export type ValidateCategoryTreeResult =
  | { ok: true; value: CategoryTree }
  | { ok: false; error: CategoryTreeErrorCode; code?: string }

const CODE = /^[A-Z][A-Z0-9_]{1,40}$/

/**
 * Validates raw category data: shape, code format, non-empty groups, and that every code (group
 * or leaf) is unique across the whole tree.
 */
export function validateCategoryTree(raw: unknown): ValidateCategoryTreeResult {
  if (!isRecord(raw) || typeof raw.version !== 'number' || !Array.isArray(raw.groups)) {
    return { ok: false, error: 'MALFORMED' }
  }
  const seen = new Set<string>()
  const groups: CategoryGroup[] = []
  for (const group of raw.groups as unknown[]) {
    if (
      !isRecord(group) ||
      typeof group.code !== 'string' ||
      !CODE.test(group.code) ||
      !(CATEGORY_KINDS as readonly unknown[]).includes(group.kind) ||
      !Array.isArray(group.children)
    ) {
      return { ok: false, error: 'MALFORMED' }
    }
    const children = group.children as unknown[]
    if (children.length === 0) return { ok: false, error: 'EMPTY_GROUP', code: group.code }
    for (const code of [group.code, ...children]) {
      if (typeof code !== 'string' || !CODE.test(code)) return { ok: false, error: 'MALFORMED' }
      if (seen.has(code)) return { ok: false, error: 'DUPLICATE_CODE', code }
      seen.add(code)
    }
    groups.push({ code: group.code, kind: group.kind as CategoryKind, children: children as string[] })
  }
  return { ok: true, value: { version: raw.version, groups } }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function loadCategoryTree(): CategoryTree {
  const result = validateCategoryTree(data)
  if (!result.ok) throw new Error(`categories.json is invalid: ${result.error} ${result.code ?? ''}`.trim())
  return result.value
}

/** The category tree, validated when the module loads. */
export const categoryTree: CategoryTree = loadCategoryTree()

const groupByCode = new Map(categoryTree.groups.map((group) => [group.code, group]))
const parentByLeaf = new Map(
  categoryTree.groups.flatMap((group) => group.children.map((leaf) => [leaf, group.code] as const)),
)

/** True for a top-level group code such as `GOODS_FOOD`. */
export function isCategoryGroup(code: string): boolean {
  return groupByCode.has(code)
}

/** True for a leaf (second-level) code such as `FOOD_PACKAGED`; complaints store a leaf. */
export function isLeafCategory(code: string): boolean {
  return parentByLeaf.has(code)
}

/** The group code of a leaf, or `undefined` for a group code or an unknown code. */
export function parentOf(code: string): string | undefined {
  return parentByLeaf.get(code)
}

/** The group with this code, or `undefined`. */
export function categoryGroup(code: string): CategoryGroup | undefined {
  return groupByCode.get(code)
}

/** Groups of one kind, in display order (goods ≈ 10 groups, services ≈ 13). */
export function categoryGroupsOfKind(kind: CategoryKind): readonly CategoryGroup[] {
  return categoryTree.groups.filter((group) => group.kind === kind)
}

/** Every code in the tree (groups and leaves), e.g. to check that a locale file is complete. */
export function allCategoryCodes(): string[] {
  return categoryTree.groups.flatMap((group) => [group.code, ...group.children])
}
