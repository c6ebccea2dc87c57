// What a ticket card adds for a station taking the ticket over: the consumer's added texts and the hand-over reason.
import type { TFunction } from '../../i18n/translator.ts'
import { formatShanghaiTime } from '../format.ts'
import { escapeHtml } from '../html.ts'

/** Why the ticket reached its station, in the words of the station that passed it on (上报 or 转办). */
export interface HandOverReason {
  action: 'ESCALATE' | 'TRANSFER'
  note: string
}

/** What the consumer added since filing, in words (files are evidence): the latest few, and how many in all. */
export interface AddedInformation {
  count: number
  latest: ReadonlyArray<{ at: Date; text: string }>
}

/** How many of the consumer's added texts the card shows (the latest), and how much of each and of a reason. */
export const ADDED_INFORMATION_SHOWN = 3
const ADDED_CHARACTERS = 200
const REASON_CHARACTERS = 300

/**
 * What a station taking the ticket over must read beside the facts: what the consumer added since (the latest few,
 * shortened; the full texts were relayed to the group), and why the last station passed it on.
 */
export function handOverLines(
  added: AddedInformation | null | undefined,
  reason: HandOverReason | null | undefined,
  t: TFunction,
): string[] {
  const lines: string[] = []
  if (added && added.count > 0) {
    lines.push('', t('delivery:card.addedInformation', { count: added.count }))
    for (const entry of added.latest.slice(0, ADDED_INFORMATION_SHOWN))
      lines.push(
        t('delivery:card.addedEntry', {
          time: formatShanghaiTime(entry.at),
          text: escapeHtml(shorten(entry.text, ADDED_CHARACTERS)),
        }),
      )
  }
  if (reason)
    lines.push(
      '',
      t(`delivery:card.handOverReason.${reason.action}`, {
        reason: escapeHtml(shorten(reason.note, REASON_CHARACTERS)),
      }),
    )
  return lines
}

/** The text cut to `max` characters, marked when cut. */
function shorten(text: string, max: number): string {
  const characters = [...text.trim()]
  return characters.length <= max ? characters.join('') : `${characters.slice(0, max).join('')}…`
}
