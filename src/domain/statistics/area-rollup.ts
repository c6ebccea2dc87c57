/** Where an area sits in the tree: enough to roll a community or grid up to its street and district. */
export interface AreaNode {
  level: 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID'
  parentCode: string | null
}

/** The area of `level` that `code` lies in ('' when the code is not in the tree or lies above that level). */
export function ancestorAt(code: string, level: AreaNode['level'], areas: ReadonlyMap<string, AreaNode>): string {
  let current: string | null = code
  for (let depth = 0; current !== null && depth < 8; depth++) {
    const node = areas.get(current)
    if (!node) return ''
    if (node.level === level) return current
    current = node.parentCode
  }
  return ''
}
