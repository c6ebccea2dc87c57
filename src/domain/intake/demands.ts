/**
 * What the complainant asks for (投诉请求): the remedies of 消保法 Art. 52, plus free text.
 */
import { validateOtherDemand } from './text-answer.ts'

/** Demand codes, in display order. Short enough for Telegram `callback_data`. */
export const DEMAND_CODES = [
  'REPAIR',
  'REDO',
  'REPLACE',
  'RETURN',
  'MAKE_UP_QUANTITY',
  'REFUND',
  'COMPENSATE',
  'OTHER',
] as const

export type Demand = (typeof DEMAND_CODES)[number]

/** Stable error codes of {@link validateDemands}. */
export const DEMAND_ERROR_CODES = [
  /** No demand chosen. */
  'NONE_SELECTED',
  /** `OTHER` chosen without describing it. */
  'OTHER_TEXT_MISSING',
  /** The `OTHER` description is shorter than `limit`. */
  'OTHER_TEXT_TOO_SHORT',
  /** The `OTHER` description is longer than `limit`. */
  'OTHER_TEXT_TOO_LONG',
] as const

export type DemandErrorCode = (typeof DEMAND_ERROR_CODES)[number]

export interface DemandSelection {
  demands: readonly Demand[]
  /** Description of the `OTHER` demand; ignored unless `OTHER` is chosen. */
  otherText?: string | null
}

export interface ValidDemands {
  /** Unique, in {@link DEMAND_CODES} order. */
  demands: Demand[]
  /** Cleaned description when `OTHER` is chosen, else null. */
  otherText: string | null
}

export type ValidateDemandsResult =
  | { ok: true; value: ValidDemands }
  | { ok: false; error: 'NONE_SELECTED' | 'OTHER_TEXT_MISSING' }
  | { ok: false; error: 'OTHER_TEXT_TOO_SHORT' | 'OTHER_TEXT_TOO_LONG'; limit: number; length: number }

/** Type guard for a demand code, e.g. read back from `callback_data`. */
export function isDemand(value: string): value is Demand {
  return (DEMAND_CODES as readonly string[]).includes(value)
}

/**
 * Adds `demand` if absent, removes it if present.
 *
 * @returns a new array, unique and in {@link DEMAND_CODES} order; the input is not modified.
 */
export function toggleDemand(selected: Iterable<Demand>, demand: Demand): Demand[] {
  const set = new Set(selected)
  if (set.has(demand)) set.delete(demand)
  else set.add(demand)
  return DEMAND_CODES.filter((code) => set.has(code))
}

/**
 * Checks that at least one demand is chosen and that `OTHER`, if chosen, has a description
 * (validated like {@link validateOtherDemand}).
 */
export function validateDemands(selection: DemandSelection): ValidateDemandsResult {
  const set = new Set(selection.demands)
  const demands = DEMAND_CODES.filter((code) => set.has(code))
  if (demands.length === 0) return { ok: false, error: 'NONE_SELECTED' }
  if (!set.has('OTHER')) return { ok: true, value: { demands, otherText: null } }

  const text = validateOtherDemand(selection.otherText ?? '')
  if (text.ok) return { ok: true, value: { demands, otherText: text.value } }
  if (text.length === 0) return { ok: false, error: 'OTHER_TEXT_MISSING' }
  if (text.error === 'TOO_SHORT') {
    return { ok: false, error: 'OTHER_TEXT_TOO_SHORT', limit: text.limit, length: text.length }
  }
  if (text.error === 'TOO_LONG') {
    return { ok: false, error: 'OTHER_TEXT_TOO_LONG', limit: text.limit, length: text.length }
  }
  return { ok: false, error: 'OTHER_TEXT_MISSING' }
}
