import type { Locale } from '../../../i18n/locales.ts'
import type { AreaRef, StationRef } from '../../../services/access/station-ref.ts'
import { escapeHtml } from '../../../telegram/html.ts'

/** A station's or area's name in the reader's language, as plain text (buttons, alerts). */
export function plainName(locale: Locale, named: Pick<StationRef | AreaRef, 'name' | 'nameEn'>): string {
  return locale === 'en' && named.nameEn ? named.nameEn : named.name
}

/** A station's or area's name in the reader's language, escaped for HTML. */
export function localName(locale: Locale, named: Pick<StationRef | AreaRef, 'name' | 'nameEn'>): string {
  return escapeHtml(plainName(locale, named))
}

/** Grid names joined for one line, escaped. */
export function gridList(locale: Locale, grids: readonly AreaRef[]): string {
  return grids.map((grid) => localName(locale, grid)).join(locale === 'en' ? ', ' : '、')
}
