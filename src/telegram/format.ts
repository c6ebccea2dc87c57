// Dates, times, money and lists as every message of the bot and the workers shows them: one style for both.

import type { PauseUnit } from '../domain/deadlines/clock-pause.ts'
import { formatFen } from '../domain/intake/amount.ts'
import type { Locale } from '../i18n/locales.ts'
import type { TFunction } from '../i18n/translator.ts'

const DATES: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  }),
}

const MONTHS: Record<Locale, Intl.DateTimeFormat> = {
  'zh-CN': new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long' }),
}

/** The month of a calendar date in the reader's language: `2026-03-01` → `2026年3月` / `March 2026`. */
export function formatMonth(isoDate: string, locale: Locale): string {
  return MONTHS[locale].format(new Date(`${isoDate}T00:00:00Z`))
}

/** A calendar date in the reader's language: `2026-10-13` → `2026年10月13日周二` / `Tue, 13 October 2026`. */
export function formatDate(isoDate: string, locale: Locale): string {
  return DATES[locale].format(new Date(`${isoDate}T00:00:00Z`))
}

const TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/** An instant as 'YYYY-MM-DD HH:mm' in Asia/Shanghai, the time every 12315 office works in. */
export function formatShanghaiTime(instant: Date): string {
  return TIME.format(instant).replace(',', '')
}

/** An amount in fen as yuan (`¥1,234.50`); the same in both languages. */
export function formatMoney(fen: bigint | number, locale: Locale): string {
  return formatFen(Number(fen), locale)
}

/** A stored locale string as a supported one, else `fallback`. */
export function localeOr(candidate: string | null | undefined, fallback: Locale): Locale {
  return candidate === 'zh-CN' || candidate === 'en' ? candidate : fallback
}

/** The language a fixed translation function writes in (i18next's fixed t carries it; the type does not say so). */
export function localeOfT(t: TFunction): Locale {
  return localeOr((t as unknown as { lng?: string }).lng, 'zh-CN')
}

/**
 * The i18next context of a number of days a pause kept out of a period: "N 个工作日", or "N 天" for a calendar-day
 * period (texts `…_calendar`).
 */
export function pausedDaysContext(unit: PauseUnit): { context?: 'calendar' } {
  return unit === 'CALENDAR_DAYS' ? { context: 'calendar' } : {}
}
