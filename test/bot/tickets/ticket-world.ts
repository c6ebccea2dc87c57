/** A station group with staff and consumers for the tickets end-to-end tests, over the bot under test. */
import type { Message } from 'grammy/types'
import type { StationKind } from '../../../src/generated/prisma/enums.ts'
import type { CallbackAnswer, TestGroup, TestUser } from '../../../src/simulator/bot-api/index.ts'
import type { BotHarness } from '../../support/bot-under-test.ts'
import { type RuntimeInProcess, SCALED_DOWN_LIMITS, startRuntimeInProcess } from '../../support/runtime-in-process.ts'
import {
  addMembership,
  createPerson,
  createRegion,
  createStation,
  intakeOf,
  type Region,
  type TestStation,
} from '../../support/world.ts'

export interface StationWorld {
  region: Region
  station: TestStation
  group: TestGroup
  staff: TestUser
}

/** The bot and its workers in this process (ROLE=all), Telegram's limits scaled down: what the ticket tests drive. */
export function startTicketRuntime(): Promise<RuntimeInProcess> {
  return startRuntimeInProcess({ role: 'all', env: { MAX_COMPLAINTS_PER_DAY: '50' }, limits: SCALED_DOWN_LIMITS })
}

/** Waits long enough for the worker's pacing (1 message per second per chat) over a journey of several steps. */
export const SLOW = { timeout: 20_000 }

/**
 * A fresh region with a station whose group (the bot an administrator) holds one staff member. The station is a
 * 市场监管所 covering the street unless `kind` says otherwise: only a bureau station takes the formal acts.
 */
export async function stationWorld(
  harness: BotHarness,
  options: { forum?: boolean; staffName?: string; kind?: StationKind } = {},
): Promise<StationWorld> {
  const db = harness.app.database.db
  const region = await createRegion(db)
  const staff = harness.tg.user({ firstName: options.staffName ?? '张主任', languageCode: 'zh-hans', startedBot: true })
  const group = harness.tg.group({
    title: '通惠联络站工单群',
    members: [staff],
    botIsAdmin: true,
    forum: options.forum ?? false,
  })
  const station = await createStation(db, region, {
    chatId: group.id,
    kind: options.kind ?? 'MARKET_SUPERVISION_OFFICE',
  })
  await db.station.update({ where: { id: station.id }, data: { chatIsForum: options.forum ?? false } })
  await addStaff(harness, station, staff)
  return { region, station, group, staff }
}

/** Makes a Telegram user staff of the station (as an invite would). */
export async function addStaff(
  harness: BotHarness,
  station: TestStation,
  user: TestUser,
  role: 'STAFF' | 'LIAISON' = 'STAFF',
  grids: string[] = [],
): Promise<void> {
  const person = await createPerson(harness.app.services, user.name, user.id)
  await addMembership(harness.app.database.db, person.id, station.id, role, grids)
}

/** A consumer who has started the bot, known to it as a person. */
export async function consumer(
  harness: BotHarness,
  languageCode: 'en' | 'zh-hans',
  firstName = 'Wang',
): Promise<{ user: TestUser; personId: number }> {
  const user = harness.tg.user({ firstName, languageCode, startedBot: true })
  const person = await createPerson(harness.app.services, firstName, user.id)
  return { user, personId: person.id }
}

/** Files a complaint as the intake feature would; the worker routes it and posts the card. */
export async function file(
  harness: BotHarness,
  personId: number,
  region: Region,
  options: Parameters<typeof intakeOf>[1] = {},
): Promise<{ id: string; trackingNumber: string }> {
  const result = await harness.app.services.filing.fileComplaint(intakeOf(region.grid, options), personId)
  if (result.status === 'daily-limit') throw new Error('daily limit in a test')
  return { id: result.complaint.id, trackingNumber: result.complaint.trackingNumber }
}

/** The ticket's card in the group, once posted. */
export function cardOf(group: TestGroup, trackingNumber: string): Promise<Message> {
  // The card names its own number in its first line; later lines may name related complaints.
  return group.waitFor((m) => Boolean(m.reply_markup) && (m.text ?? '').startsWith(`📋 ${trackingNumber}`), {
    ...SLOW,
    description: `the card of ${trackingNumber}`,
  })
}

/** The consumer opens the detail of one of their complaints from /my (English). */
export async function openFromMy(user: TestUser, trackingNumber: string): Promise<void> {
  await user.send('/my')
  await user.waitForText('Your complaints', SLOW)
  await user.press(new RegExp(trackingNumber))
  await user.waitForText('Timeline', SLOW)
}

/** An English consumer's routed complaint at a station of its own, its card, and the consumer at its /my detail. */
export async function openedFromMy(harness: RuntimeInProcess) {
  const world = await stationWorld(harness)
  const { user, personId } = await consumer(harness, 'en')
  const ticket = await file(harness, personId, world.region, { locale: 'en' })
  const card = await cardOf(world.group, ticket.trackingNumber)
  await openFromMy(user, ticket.trackingNumber)
  return { world, user, ticket, card }
}

/** The card's current text (edits applied). */
export function cardText(group: TestGroup, card: Message): string {
  return group.message(card.message_id)?.text ?? ''
}

/** Presses the card button of `code` (t:<code>:<id>); fails if the card does not offer it. */
export async function pressOnCard(
  user: TestUser,
  group: TestGroup,
  card: Message,
  code: string,
): Promise<CallbackAnswer> {
  const current = group.message(card.message_id)
  const data = current?.reply_markup?.inline_keyboard
    .flat()
    .map((b) => ('callback_data' in b ? b.callback_data : ''))
    .find((d) => d.startsWith(`t:${code}:`))
  if (!data) throw new Error(`the card offers no t:${code} button: ${JSON.stringify(current?.reply_markup)}`)
  return user.pressData(card.message_id, data, { in: group, ...SLOW })
}

/** Waits until the card (edited in place) shows `text`. */
export function cardShows(group: TestGroup, card: Message, text: string | RegExp): Promise<Message> {
  return group.waitFor(
    (m) =>
      m.message_id === card.message_id &&
      (typeof text === 'string' ? (m.text ?? '').includes(text) : text.test(m.text ?? '')),
    { ...SLOW, description: `the card showing ${String(text)}` },
  )
}

/** Presses the button of `code` on a card in the user's private chat (a liaison's card). */
export async function pressInChat(user: TestUser, card: Message, code: string): Promise<CallbackAnswer> {
  const current = user.message(card.message_id)
  const data = current?.reply_markup?.inline_keyboard
    .flat()
    .map((b) => ('callback_data' in b ? b.callback_data : ''))
    .find((d) => d.startsWith(`t:${code}:`))
  if (!data) throw new Error(`the card offers no t:${code} button: ${JSON.stringify(current?.reply_markup)}`)
  return user.pressData(card.message_id, data, SLOW)
}

/** True once the message offers a button of `code`. */
export function offers(message: Message | undefined, code: string): boolean {
  return Boolean(
    message?.reply_markup?.inline_keyboard
      .flat()
      .some((b) => 'callback_data' in b && b.callback_data.startsWith(`t:${code}:`)),
  )
}

/** Presses the card's "show contact" button (sc:<id>); fails if the card does not offer it. */
export async function pressShowContact(user: TestUser, group: TestGroup, card: Message): Promise<CallbackAnswer> {
  const current = group.message(card.message_id)
  const data = current?.reply_markup?.inline_keyboard
    .flat()
    .map((b) => ('callback_data' in b ? b.callback_data : ''))
    .find((d) => d.startsWith('sc:'))
  if (!data) throw new Error(`the card offers no show-contact button: ${JSON.stringify(current?.reply_markup)}`)
  return user.pressData(card.message_id, data, { in: group, ...SLOW })
}

/** A complaint filed in Chinese with a 市场监管所 (its own world), its card posted and accepted there by its staff. */
export async function acceptedComplaint(harness: BotHarness) {
  const world = await stationWorld(harness)
  const { user, personId } = await consumer(harness, 'zh-hans')
  const ticket = await file(harness, personId, world.region)
  const card = await cardOf(world.group, ticket.trackingNumber)
  await pressOnCard(world.staff, world.group, card, 'ac')
  await cardShows(world.group, card, '已受理：张主任')
  return { world, user, personId, ticket, card }
}
