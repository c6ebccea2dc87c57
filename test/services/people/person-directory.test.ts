import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../support/app.ts'

let app: TestApp
beforeAll(async () => {
  app = await createTestApp()
})
afterAll(async () => {
  await app.close()
})

describe('people on first contact and after', () => {
  it('makes a person of a new Telegram user, once', async () => {
    const first = await app.services.people.identify({
      telegramId: 5001,
      firstName: 'Li',
      lastName: 'Hua',
      username: 'lihua',
    })
    const again = await app.services.people.identify(
      { telegramId: 5001, firstName: 'Li', lastName: 'Hua', username: 'lihua' },
      { fresh: true },
    )
    expect(again.id).toBe(first.id)
    const stored = await app.database.db.person.findUniqueOrThrow({ where: { telegramId: 5001n } })
    expect(stored).toMatchObject({
      id: first.id,
      displayName: 'Li Hua',
      username: 'lihua',
      reachable: true,
      unreachableSince: null,
    })
    expect(first).toMatchObject({ telegramId: 5001n, displayName: 'Li Hua', createdAt: stored.createdAt })
  })

  it('makes one person each of many first contacts at the same moment, the same person twice included', async () => {
    const contacts = Array.from({ length: 60 }, (_, index) => ({
      telegramId: 6000 + index,
      firstName: `C${index}`,
      username: index % 2 ? `u${index}` : undefined,
    }))
    const people = await Promise.all([
      ...contacts.map((contact) => app.services.people.identify(contact, { fresh: true })),
      app.services.people.identify({ telegramId: 6000, firstName: 'C0' }, { fresh: true }),
    ])
    expect(new Set(people.map((person) => person.id)).size).toBe(60)
    expect(people.at(-1)?.id).toBe(people[0]?.id)
    const stored = await app.database.db.person.findMany({
      where: { telegramId: { gte: 6000n, lt: 6060n } },
      orderBy: { telegramId: 'asc' },
    })
    expect(stored.map((person) => [Number(person.telegramId), person.displayName, person.username])).toEqual(
      contacts.map((contact) => [contact.telegramId, contact.firstName, contact.username ?? null]),
    )
    for (const [index, person] of people.slice(0, 60).entries()) {
      expect(person).toMatchObject({
        id: stored[index]!.id,
        telegramId: BigInt(6000 + index),
        displayName: `C${index}`,
      })
    }
  })

  it('takes a new name, and marks a person who had blocked the bot reachable again, keeping when they first came', async () => {
    const before = await app.services.people.identify({ telegramId: 5002, firstName: 'Zhao' })
    await app.database.db.person.update({
      where: { id: before.id },
      data: { reachable: false, unreachableSince: new Date() },
    })
    const after = await app.services.people.identify(
      { telegramId: 5002, firstName: 'Zhao', lastName: 'Lei' },
      { fresh: true },
    )
    const stored = await app.database.db.person.findUniqueOrThrow({ where: { id: before.id } })
    expect(stored).toMatchObject({
      displayName: 'Zhao Lei',
      reachable: true,
      unreachableSince: null,
      createdAt: before.createdAt,
    })
    expect(after).toMatchObject({ id: before.id, displayName: 'Zhao Lei', reachable: true })
    expect(stored.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime())
  })

  it('answers from the cache while the name is unchanged, and from PostgreSQL once it changes', async () => {
    const person = await app.services.people.identify({ telegramId: 5003, firstName: 'Sun' })
    await app.database.db.person.update({ where: { id: person.id }, data: { displayName: 'changed elsewhere' } })
    expect((await app.services.people.identify({ telegramId: 5003, firstName: 'Sun' })).displayName).toBe('Sun')
    expect(
      (await app.services.people.identify({ telegramId: 5003, firstName: 'Sun', lastName: 'Li' })).displayName,
    ).toBe('Sun Li')
  })
})
