import type { Figures, HeadlineFigures } from './figures.ts'

/** A figure next to the same figure before: the difference and the relative change (null when before is 0). */
export interface Change {
  delta: number
  ratio: number | null
}

/** How `now` compares with `before`. */
export function changeOf(now: number | bigint, before: number | bigint): Change {
  const a = Number(now)
  const b = Number(before)
  return { delta: a - b, ratio: b === 0 ? null : (a - b) / b }
}

/** The figures of a period next to the same period a year earlier (同比) and the previous period (环比). */
export interface ComparedFigures {
  current: Figures
  yearEarlier: HeadlineFigures
  previous: HeadlineFigures
}
