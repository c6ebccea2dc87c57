import { Lunar, Solar } from 'lunar-typescript'
import { type LocalDate, localDate, plusDays } from './local-date.ts'

/** Years computed, by year; bounded (due dates span a few years, never this many). */
const cache = new Map<number, ReadonlySet<LocalDate>>()
const CACHED_YEARS = 32

const fromSolar = (solar: Solar): LocalDate => localDate(solar.getYear(), solar.getMonth(), solar.getDay())

/**
 * The 13 statutory days off of 《全国年节及纪念日放假办法》 (revised 2024-11-10, in force 2025) in `year`: 元旦 1 Jan;
 * 春节 除夕 to 初三 (4 days); 清明 (the solar term); 劳动节 1–2 May; 端午 (五月初五); 中秋 (八月十五); 国庆 1–3 Oct.
 * Known years ahead; the State Council's swaps and make-up workdays are not, so a year counted with only these
 * days is provisional. Lunar dates and solar terms come from lunar-typescript (offline tables and formulas).
 */
export function statutoryHolidays(year: number): ReadonlySet<LocalDate> {
  const cached = cache.get(year)
  if (cached) return cached
  const newYear = fromSolar(Lunar.fromYmd(year, 1, 1).getSolar())
  const qingming = Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable().清明
  if (!qingming) throw new RangeError(`No 清明 found for ${year}`)
  const days = new Set<LocalDate>([
    localDate(year, 1, 1),
    plusDays(newYear, -1),
    newYear,
    plusDays(newYear, 1),
    plusDays(newYear, 2),
    fromSolar(qingming),
    localDate(year, 5, 1),
    localDate(year, 5, 2),
    fromSolar(Lunar.fromYmd(year, 5, 5).getSolar()),
    fromSolar(Lunar.fromYmd(year, 8, 15).getSolar()),
    localDate(year, 10, 1),
    localDate(year, 10, 2),
    localDate(year, 10, 3),
  ])
  if (cache.size >= CACHED_YEARS) cache.clear()
  cache.set(year, days)
  return days
}
