// The deadline tests' world: a clock several processes read, and tickets put on a bureau station's clock.
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Message } from 'grammy/types'
import { bureauReceipt } from '../../../src/domain/rules/ticket-clocks.ts'
import type { StationKind } from '../../../src/generated/prisma/enums.ts'
import type { TestGroup } from '../../../src/simulator/bot-api/index.ts'
import { createStation, type Region, type TestStation } from '../../support/world.ts'
import type { DeliveryWorld } from './delivery-world.ts'

/**
 * The controlled clock every deadline decision reads: the test's services through `now`, worker processes through
 * `file`, which test/support/clocked-worker-process.ts reads on every call.
 */
export function createSharedClock(start: Date) {
  let current = start
  const file = join(tmpdir(), `grid-deadlines-clock-${process.pid}`)
  writeFileSync(file, current.toISOString())
  return {
    file,
    now: () => current,
    /** Moves every process to an Asia/Shanghai wall-clock time, `2026-10-09T09:00:00`. */
    at(shanghai: string) {
      current = new Date(`${shanghai}+08:00`)
      writeFileSync(file, current.toISOString())
    },
    remove: () => rmSync(file, { force: true }),
  }
}

/** A stored date column's value for a `YYYY-MM-DD`. */
export const d = (text: string) => new Date(`${text}T00:00:00Z`)

/** The messages in a group whose text contains `pattern` (or matches it). */
export const texts = (group: TestGroup, pattern: string | RegExp) =>
  group
    .messages()
    .filter((m: Message) =>
      typeof pattern === 'string' ? (m.text ?? '').includes(pattern) : pattern.test(m.text ?? ''),
    )

/** The helpers, bound to the file's world (created in its beforeAll). */
export function deadlineKit(world: () => DeliveryWorld) {
  /** Files a complaint about a business in `areaCode`; resolves once its card is in `group`. */
  async function routedComplaint(areaCode: string, group: TestGroup, respondentName: string) {
    const { user, personId } = await world().consumer({ languageCode: 'en' })
    const id = await world().file(personId, { areaCode }, { respondentName })
    const { trackingNumber } = await world().app.database.db.complaint.findUniqueOrThrow({ where: { id } })
    await group.waitForText(trackingNumber, { timeout: 20_000 })
    await user.waitForText(trackingNumber, { timeout: 20_000 })
    return { id, trackingNumber, user }
  }

  /** Puts a ticket's decision clock as if a bureau station had received it at `receivedAt`. */
  async function receivedByBureau(id: string, stationId: string, receivedAt: Date) {
    const receipt = bureauReceipt('COMPLAINT', receivedAt)
    await world().app.database.db.complaint.update({
      where: { id },
      data: {
        stationId,
        bureauReceivedAt: receivedAt,
        localTargetOn: null,
        rule: receipt.rule,
        decisionDueOn: d(receipt.decisionDue!.date),
        dueDatesFinal: receipt.decisionDue!.calendarPublished,
      },
    })
    return receipt.decisionDue!.date
  }

  /** A station of `region` bound to a new group of its own, where the bot is an admin. */
  async function stationWithGroup(
    region: Region,
    kind: StationKind,
    title: string,
  ): Promise<TestStation & { group: TestGroup }> {
    const group = world().tg.group({ title, botIsAdmin: true })
    return { ...(await createStation(world().app.database.db, region, { kind, chatId: group.id })), group }
  }

  return { routedComplaint, receivedByBureau, stationWithGroup }
}
