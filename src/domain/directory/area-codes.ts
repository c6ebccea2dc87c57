// Area codes: the statistical division codes (统计用区划代码) of each level, and how a child's code extends its parent's.
import type { AreaLevel } from './area-levels.ts'

/** The code of each level; a grid is its community's code plus `-NN`. */
export const AREA_CODE_PATTERNS: Readonly<Record<AreaLevel, RegExp>> = {
  CITY: /^\d{4}00$/,
  DISTRICT: /^\d{6}$/,
  STREET: /^\d{9}$/,
  COMMUNITY: /^\d{12}$/,
  GRID: /^\d{12}-\d{2}$/,
}

/** Any level's code, for a reference whose level is not known yet. */
export const ANY_AREA_CODE = /^\d{6,12}(?:-\d{2})?$/

/** The pattern of a level's code, in words, for an administrator's error message. */
export function describeAreaCode(level: AreaLevel): string {
  switch (level) {
    case 'CITY':
      return '6 digits ending in 00, e.g. 511400'
    case 'DISTRICT':
      return '6 digits, e.g. 511402'
    case 'STREET':
      return '9 digits, e.g. 511402001'
    case 'COMMUNITY':
      return '12 digits, e.g. 511402001001'
    case 'GRID':
      return 'the community code + "-NN", e.g. 511402001001-01'
  }
}

/**
 * What a child's code must start with, given its parent's: a district shares the city's first four digits, a grid
 * is its community's code and a dash, any other level extends its parent's code.
 */
export function requiredCodePrefix(level: AreaLevel, parentCode: string): string {
  if (level === 'DISTRICT') return parentCode.slice(0, 4)
  if (level === 'GRID') return `${parentCode}-`
  return parentCode
}

/** True when an area's code extends its parent's as {@link requiredCodePrefix} says. */
export function extendsParentCode(level: AreaLevel, code: string, parentCode: string): boolean {
  return code.startsWith(requiredCodePrefix(level, parentCode))
}
