import { extendsParentCode, PARENT_LEVEL } from '../../domain/directory/index.ts'
import type { AreaRow } from './directory-file.ts'
import type { DirectorySnapshot, Located } from './directory-plan.ts'
import { type DirectoryReferences, NOT_FOUND } from './directory-references.ts'

/**
 * Checks where each area of the file sits in the tree: its level never changes; there is one CITY, the root; every
 * other area's parent exists and has the level just above (a GRID's parent is a COMMUNITY…) and a code that
 * prefixes its child's; a DISTRICT may stand without a parent (a platform's domicile outside the city).
 */
export function checkAreaTree(
  areas: Iterable<Located<AreaRow>>,
  snapshot: DirectorySnapshot,
  { areas: allAreas, rejectedArea, error }: DirectoryReferences,
): void {
  const cities = [...allAreas.entries()].filter(([, area]) => area.level === 'CITY').map(([code]) => code)
  for (const row of areas) {
    const stored = snapshot.areas.get(row.code)
    if (stored && stored.level !== row.level) {
      error({
        line: row.line,
        section: 'areas',
        field: 'level',
        value: row.level,
        message: `area ${row.code} is stored as a ${stored.level}; an area's level cannot change`,
      })
    }
    if (row.level === 'CITY') {
      if (row.parentCode !== null)
        error({
          line: row.line,
          section: 'areas',
          field: 'parentCode',
          value: row.parentCode,
          message: 'the CITY is the root and has no parent',
        })
      if (cities.length > 1)
        error({
          line: row.line,
          section: 'areas',
          field: 'code',
          value: row.code,
          message: `the directory has one CITY, but would have ${cities.length}: ${cities.join(', ')}`,
        })
      continue
    }
    const expected = PARENT_LEVEL[row.level]
    if (row.parentCode === null) {
      if (row.level !== 'DISTRICT')
        error({
          line: row.line,
          section: 'areas',
          field: 'parentCode',
          value: '',
          message: `a ${row.level} needs a parent ${expected}`,
        })
      continue
    }
    const parent = allAreas.get(row.parentCode)
    if (rejectedArea(row.parentCode)) continue
    if (!parent) {
      error({
        line: row.line,
        section: 'areas',
        field: 'parentCode',
        value: row.parentCode,
        message: `unknown parent area: ${NOT_FOUND}`,
      })
      continue
    }
    if (parent.level !== expected) {
      error({
        line: row.line,
        section: 'areas',
        field: 'parentCode',
        value: row.parentCode,
        message: `a ${row.level}'s parent must be a ${expected}, but ${row.parentCode} is a ${parent.level}`,
      })
      continue
    }
    if (!extendsParentCode(row.level, row.code, row.parentCode)) {
      error({
        line: row.line,
        section: 'areas',
        field: 'code',
        value: row.code,
        message: `the code does not start with its parent's code ${row.level === 'DISTRICT' ? row.parentCode.slice(0, 4) : row.parentCode}`,
      })
    }
  }
}
