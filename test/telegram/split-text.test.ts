import { describe, expect, it } from 'vitest'
import { visibleLength } from '../../src/telegram/html.ts'
import { splitMessageText } from '../../src/telegram/split-text.ts'

describe('splitting long messages', () => {
  it('leaves a message within the limit alone', () => {
    expect(splitMessageText('<b>hi</b>\nthere', 4096)).toEqual(['<b>hi</b>\nthere'])
  })

  it('splits on line boundaries, every part within the limit', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `<b>${i}</b> ${'字'.repeat(30)}`)
    const parts = splitMessageText(lines.join('\n'), 4096)
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) expect(visibleLength(part)).toBeLessThanOrEqual(4096)
    expect(parts.join('\n')).toBe(lines.join('\n'))
  })

  it('cuts a single over-long line without breaking an entity or a tag', () => {
    const line = '&amp;'.repeat(5000)
    const parts = splitMessageText(`<b>x</b>\n${line}`, 4096)
    for (const part of parts) {
      expect(visibleLength(part)).toBeLessThanOrEqual(4096)
      expect(part.replaceAll('&amp;', '')).not.toContain('&')
    }
    expect(parts.join('').replaceAll('\n', '')).toBe(`<b>x</b>${line}`)
  })
})
