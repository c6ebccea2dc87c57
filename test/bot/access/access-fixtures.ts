/** Invites and bot round trips for the access tests; stations and areas come from test/support/world.ts. */
import type { Database } from '../../../src/db/client.ts'
import type { MemberRole } from '../../../src/generated/prisma/enums.ts'
import { createInvites } from '../../../src/services/access/invites.ts'
import type { FakeTelegram, TestUser } from '../../../src/simulator/bot-api/index.ts'
import { TEST_OPERATOR } from '../../support/operator.ts'
import type { TestStation } from '../../support/world.ts'

/** A fresh invite code; `validFor` may be negative to get one that has already expired. */
export async function inviteCode(
  db: Database,
  station: TestStation,
  role: MemberRole,
  options: { gridCodes?: string[]; validForMs?: number } = {},
): Promise<string> {
  const validForMs = options.validForMs ?? 3600_000
  const ttlMs = Math.max(validForMs, 60_000)
  const now = () => new Date(Date.now() + validForMs - ttlMs)
  const result = await createInvites({ db, now }).createInvite({
    role,
    stationCode: station.code,
    gridCodes: options.gridCodes,
    ttlMs,
    by: TEST_OPERATOR,
  })
  if (!result.ok) throw new Error(`could not create a test invite: ${result.reason}`)
  return result.invite.code
}

/** How long to wait for a reply: generous, since a loaded CI machine runs several bot processes at once. */
export const REPLY_TIMEOUT_MS = 15_000

/** One round trip with a throwaway user, so that the bot's cold start does not count against a test's timeouts. */
export async function warmUp(tg: FakeTelegram): Promise<void> {
  const user = tg.user()
  await user.send('/whoami')
  await user.nextMessage({ timeout: 60_000 })
}

/** The user opens the invite link and reads the greeting; resolves with its text. */
export async function redeem(user: TestUser, code: string): Promise<string> {
  await user.send(`/start ${code}`)
  return (await user.nextMessage({ timeout: REPLY_TIMEOUT_MS })).text ?? ''
}

/** A user who holds `role` at the station (through a real invite redeemed in the bot). */
export async function joinStation(
  db: Database,
  user: TestUser,
  station: TestStation,
  role: MemberRole = 'STAFF',
): Promise<void> {
  await redeem(user, await inviteCode(db, station, role))
}
