// Calendar dates as a consumer reads them in their language.
import type { Locale } from '../../../i18n/locales.ts'

const FORMATS: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'short' }),
}

/** `2026-10-13` → `2026年10月13日周二` / `Tue, 13 October 2026`. */
export function formatDate(isoDate: string, locale: Locale): string {
  return FORMATS[locale].format(new Date(`${isoDate}T00:00:00Z`))
}
