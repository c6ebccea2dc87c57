import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConfirmedIntake } from '../../../src/domain/intake-form/draft.ts'
import { createTestApp, type TestApp } from '../../support/app.ts'

let app: TestApp
let consumerId: number

beforeAll(async () => {
  app = await createTestApp({ MAX_COMPLAINTS_PER_DAY: '2' })
  const person = await app.services.people.identify({ telegramId: 1001, firstName: 'Wang' })
  consumerId = person.id
})
afterAll(async () => {
  await app.close()
})

function intake(formId: string): ConfirmedIntake {
  return {
    formId,
    kind: 'COMPLAINT',
    locale: 'zh-CN',
    draft: {
      respondentName: '好又多超市',
      location: { type: 'online', platformName: '淘宝' },
      incidentDate: '2026-11-20',
      amountFen: 12050,
      facts: '买到的牛奶已经过期了三天。',
      demands: ['REFUND', 'COMPENSATE'],
      evidence: [{ kind: 'PHOTO', fileId: 'file-1', fileUniqueId: 'u1', sizeBytes: 2048 }],
      contactName: '王小明',
      contactPhone: '+8613812345678',
    },
  }
}

describe('filing a confirmed complaint', () => {
  it('stores the complaint, its evidence, its first event and a route job, and gives a tracking number', async () => {
    const now = new Date('2026-09-28T02:00:00Z')
    const result = await app.services.filing.fileComplaint(intake('form-a'), consumerId, now)
    expect(result.status).toBe('filed')
    if (result.status !== 'filed') return
    expect(result.complaint.trackingNumber).toMatch(/^MS-20260928-\d{4}$/)
    // Filing starts no statutory clock: that waits for receipt by a bureau station.
    expect(result.complaint.decisionDue).toBeNull()
    const stored = await app.database.db.complaint.findUniqueOrThrow({
      where: { id: result.complaint.id },
      include: { attachments: true, events: true },
    })
    expect(stored).toMatchObject({
      formId: 'form-a',
      kind: 'COMPLAINT',
      status: 'SUBMITTED',
      consumerId,
      locale: 'zh-CN',
      respondentName: '好又多超市',
      respondentAddress: null,
      areaCode: null,
      isOnline: true,
      platformName: '淘宝',
      platformCode: null,
      incidentDate: new Date('2026-11-20T00:00:00Z'),
      amountFen: 12050n,
      facts: '买到的牛奶已经过期了三天。',
      demands: ['REFUND', 'COMPENSATE'],
      demandOther: null,
      contactName: '王小明',
      contactPhone: '+8613812345678',
      anonymous: false,
      rule: 'ORDER_121',
      submittedAt: now,
      decisionDueOn: null,
      bureauReceivedAt: null,
      dueDatesFinal: true,
    })
    expect(stored.attachments).toMatchObject([
      { kind: 'PHOTO', fileId: 'file-1', fileUniqueId: 'u1', sizeBytes: 2048, addedById: consumerId },
    ])
    expect(stored.events).toMatchObject([
      { action: 'SUBMIT', actorId: consumerId, actorRole: 'CONSUMER', toStatus: 'SUBMITTED' },
    ])
    const outbox = await app.database.db.outboxEntry.findMany({ where: { jobId: result.complaint.id } })
    expect(outbox).toMatchObject([{ queue: 'route', status: 'PENDING', payload: { complaintId: result.complaint.id } }])
  })

  it('files one complaint when the same form is confirmed twice, even at the same moment', async () => {
    const results = await Promise.all([
      app.services.filing.fileComplaint(intake('form-b'), consumerId),
      app.services.filing.fileComplaint(intake('form-b'), consumerId),
    ])
    const again = await app.services.filing.fileComplaint(intake('form-b'), consumerId)
    const numbers = new Set(
      [...results, again].map((r) => (r.status === 'daily-limit' ? 'limit' : r.complaint.trackingNumber)),
    )
    expect(numbers.size).toBe(1)
    expect(again.status).toBe('already-filed')
    expect(await app.database.db.complaint.count({ where: { formId: 'form-b' } })).toBe(1)
  })

  it('numbers the complaints of one day one after another, a repeated confirm taking no number', async () => {
    const now = new Date('2026-09-28T03:00:00Z')
    await app.services.filing.fileComplaint(intake('form-a'), consumerId, now)
    const result = await app.services.filing.fileComplaint(intake('form-c'), consumerId, now)
    expect(result.status === 'filed' && result.complaint.trackingNumber).toBe('MS-20260928-0002')
  })

  it('numbers many filings made at the same moment one after another, without gaps or duplicates', async () => {
    const now = new Date('2026-10-20T03:00:00Z')
    const consumers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        app.services.people.identify({ telegramId: 5000 + index, firstName: `C${index}` }),
      ),
    )
    const results = await Promise.all(
      consumers.map((person, index) => app.services.filing.fileComplaint(intake(`form-many-${index}`), person.id, now)),
    )
    const numbers = results.map((result) =>
      result.status === 'filed' ? result.complaint.trackingNumber : result.status,
    )
    expect(numbers.toSorted()).toEqual(
      Array.from({ length: 40 }, (_, index) => `MS-20261020-${String(index + 1).padStart(4, '0')}`),
    )
    const stored = await app.database.db.complaint.findMany({
      where: { formId: { startsWith: 'form-many-' } },
      select: { trackingNumber: true },
    })
    expect(stored.map((row) => row.trackingNumber).toSorted()).toEqual(numbers.toSorted())
  })

  it('gives a form confirmed twice at the same moment one number, and the next form the next one', async () => {
    const now = new Date('2026-10-21T03:00:00Z')
    const results = await Promise.all([
      app.services.filing.fileComplaint(intake('form-twice'), consumerId, now),
      app.services.filing.fileComplaint(intake('form-twice'), consumerId, now),
    ])
    expect(results.map((result) => result.status).toSorted()).toEqual(['already-filed', 'filed'])
    expect(results.map((result) => result.status !== 'daily-limit' && result.complaint.trackingNumber)).toEqual([
      'MS-20261021-0001',
      'MS-20261021-0001',
    ])
    const next = await app.services.filing.fileComplaint(intake('form-after-twice'), consumerId, now)
    expect(next.status === 'filed' && next.complaint.trackingNumber).toBe('MS-20261021-0002')
  })

  it('files the good complaints of a moment when one of them cannot be written', async () => {
    const now = new Date('2026-10-22T03:00:00Z')
    const [good, bad] = await Promise.allSettled([
      app.services.filing.fileComplaint(intake('form-good'), consumerId, now),
      app.services.filing.fileComplaint(intake('form-bad'), 999_999, now),
    ])
    expect(good.status === 'fulfilled' && good.value.status).toBe('filed')
    expect(bad.status).toBe('rejected')
    expect(await app.database.db.complaint.count({ where: { formId: { in: ['form-good', 'form-bad'] } } })).toBe(1)
    expect(
      await app.database.db.outboxEntry.count({
        where: {
          payload: {
            path: ['complaintId'],
            equals: good.status === 'fulfilled' && good.value.status === 'filed' ? good.value.complaint.id : '',
          },
        },
      }),
    ).toBe(1)
  })

  it('refuses a consumer past the daily cap and writes nothing', async () => {
    await app.services.filing.fileComplaint(intake('form-d'), consumerId)
    const before = await app.database.db.complaint.count()
    const result = await app.services.filing.fileComplaint(intake('form-e'), consumerId)
    expect(result).toEqual({ status: 'daily-limit', limit: 2 })
    expect(await app.database.db.complaint.count()).toBe(before)
  })
})

describe('complaint ids', () => {
  it('are version-7 UUIDs carrying the filing time, so that they sort by it, like Prisma makes them', async () => {
    const filedAt = new Date('2026-11-28T10:00:00.000Z')
    const result = await app.services.filing.fileComplaint(intake('form-uuid'), consumerId, filedAt)
    if (result.status !== 'filed') throw new Error(`not filed: ${result.status}`)
    const { id } = result.complaint
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(id.slice(0, 13).replace('-', '')).toBe(filedAt.getTime().toString(16).padStart(12, '0'))
  })
})
