import {
  formatArticle,
  type MediationTerminationGround,
  mediationTerminationArticle,
  type NonAcceptanceGround,
  nonAcceptanceArticle,
  type RuleId,
} from '../../domain/rules/index.ts'
import type { TFunction } from '../../i18n/translator.ts'

/** Which list a ground comes from: 不予受理 (non-acceptance) or 终止调解 (termination of mediation). */
export type GroundList = 'notAccepted' | 'mediationEnded'

/**
 * A statutory ground as the rule in force words it, and its article in the text's language (`locale`) (第十六条第（五）项 in
 * Chinese, Art. 16(5) in English; empty if that rule lists no such ground).
 */
export function groundText(
  t: TFunction,
  locale: string,
  rule: RuleId,
  list: GroundList,
  code: string,
): { label: string; article: string } {
  const label = t(`tickets:groundsByRule.${rule}.${list}.${code}`, {
    defaultValue: t(`tickets:grounds.${code}`, { defaultValue: code }),
  })
  const article =
    list === 'notAccepted'
      ? nonAcceptanceArticle(rule, code as NonAcceptanceGround)
      : mediationTerminationArticle(rule, code as MediationTerminationGround)
  return { label, article: article === undefined ? '' : formatArticle(article, locale === 'en' ? 'en' : 'zh') }
}

/** The list a stored ground belongs to: a ticket never accepted was rejected; an accepted one ended its mediation. */
export function groundListOf(accepted: boolean): GroundList {
  return accepted ? 'mediationEnded' : 'notAccepted'
}
