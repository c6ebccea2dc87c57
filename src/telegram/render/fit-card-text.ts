import type { TFunction } from '../../i18n/translator.ts'
import { visibleLength } from '../html.ts'
import { MAX_MESSAGE_LENGTH } from '../split-text.ts'

/** Keeps the card within one message (it is edited in place later): long facts are cut and sent in full below. */
export function fitFacts(head: string[], facts: string[], tail: string[], t: TFunction): string {
  const whole = [...head, '', ...facts, ...tail].join('\n')
  if (visibleLength(whole) <= MAX_MESSAGE_LENGTH) return whole
  const marker = t('delivery:card.truncated')
  const room =
    MAX_MESSAGE_LENGTH -
    visibleLength([...head, '', facts[0] ?? '', '', ...tail].join('\n')) -
    visibleLength(marker) -
    2
  return [...head, '', facts[0] ?? '', cutVisible(facts[1] ?? '', Math.max(0, room)) + marker, ...tail].join('\n')
}

/** The first `room` visible characters of escaped text, never cutting an entity in half. */
function cutVisible(html: string, room: number): string {
  const tokens = html.match(/&(?:amp|lt|gt);|[\s\S]/gu) ?? []
  let length = 0
  let out = ''
  for (const token of tokens) {
    const width = token.length > 1 && token.startsWith('&') ? 1 : token.length
    if (length + width > room) break
    out += token
    length += width
  }
  return out
}
