/** Subscribers, an admin author and confirmed warnings over a delivery world: what the broadcast tests start from. */
import { Api } from 'grammy'
import type { TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_BOT_TOKEN } from '../../support/app.ts'
import type { DeliveryWorld } from './delivery-world.ts'

export interface Author {
  user: TestUser
  personId: number
}

/** An admin (who may warn anywhere), with a chat the progress messages go to. */
export async function adminAuthor(world: DeliveryWorld): Promise<Author> {
  const { user, personId } = await world.consumer()
  await world.app.database.db.membership.create({
    data: { personId, stationId: world.stations.dongpoCenter.id, role: 'ADMIN' },
  })
  return { user, personId }
}

/** `count` consumers subscribed to `areaCode`, created a few at a time. */
export async function subscribers(world: DeliveryWorld, areaCode: string, count: number) {
  const people: Array<{ user: TestUser; personId: number }> = []
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(Array.from({ length: Math.min(20, count - i) }, () => world.consumer()))
    await Promise.all(
      batch.map(({ personId }) => world.app.services.warnings.subscriptions.subscribe(personId, areaCode)),
    )
    people.push(...batch)
  }
  return people
}

/** Composes and confirms a warning as the bot would (the progress message posted first); returns its id. */
export async function sendWarning(world: DeliveryWorld, author: Author, areaCode: string, text: string) {
  const drafts = world.app.services.warnings.drafts
  const opened = await drafts.open(author.personId, { areaCodes: [areaCode], textZhCN: text })
  if (opened.status !== 'opened') throw new Error('the author may not warn')
  const api = new Api(TEST_BOT_TOKEN, { apiRoot: world.tg.apiRoot })
  const progress = await api.sendMessage(author.user.id, '…')
  const confirmed = await drafts.confirm(author.personId, opened.draft.id, {
    chatId: author.user.id,
    messageId: progress.message_id,
  })
  if (confirmed.status !== 'queued') throw new Error(`not confirmed: ${confirmed.status}`)
  return confirmed.warningId
}

/** The last text of the author's progress message. */
export function progressText(world: DeliveryWorld, author: Author): string {
  const edits = world.tg.calls('editMessageText', (call) => call.chatId === author.user.id && call.outcome === 'ok')
  return String(edits.at(-1)?.params.text ?? '')
}

/** Messages of the warning `text` in `user`'s chat (delivered, whether or not the bot heard the answer). */
export function warningsReceived(user: TestUser, text: string) {
  return user.messages().filter((message) => (message.text ?? message.caption ?? '').includes(text))
}

/** The answered calls that sent the warning `text` to `user`, with their order among all calls. */
export function warningCalls(world: DeliveryWorld, user: TestUser, text: string) {
  return world.tg.calls(
    undefined,
    (call) =>
      call.chatId === user.id &&
      call.outcome === 'ok' &&
      (call.method === 'sendMessage' || call.method === 'sendPhoto') &&
      String(call.params.text ?? call.params.caption).includes(text),
  )
}
