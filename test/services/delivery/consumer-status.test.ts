import { beforeAll, describe, expect, it } from 'vitest'
import { createTranslator, type Translator } from '../../../src/i18n/translator.ts'
import { renderConsumerStatus, type ConsumerStatusView } from '../../../src/services/delivery/consumer-status.ts'

let translator: Translator
beforeAll(async () => { translator = await createTranslator('zh-CN') })

const view = (over: Partial<ConsumerStatusView>): ConsumerStatusView => ({
  kind: 'COMPLAINT', trackingNumber: 'MS-20261128-0042', status: 'RECEIVED', station: null,
  decisionDueOn: '2026-12-08', dueDatesFinal: true, note: null, ...over,
})
const render = (over: Partial<ConsumerStatusView>, locale: 'en' | 'zh-CN' = 'en') => renderConsumerStatus(view(over), translator.forLocale(locale), locale)

describe('the consumer’s status message', () => {
  it('names the kind at the start of the English sentence, not capitalised in its middle', () => {
    const text = render({ status: 'RECEIVED' })
    expect(text.split('\n')[0]).toMatch(/^Complaint <b>MS-20261128-0042<\/b>: /)
    expect(text).not.toMatch(/Your (Complaint|Report|Inquiry)/)
  })

  it('gives the ground of a rejection and where else to turn', () => {
    const text = render({ status: 'NOT_ACCEPTED', ground: 'TIME_BARRED' })
    expect(text).toContain('more than 3 years since the harm was known')
    expect(text).toContain('consumers\' association')
  })

  it('tells the money recovered once an agreement is recorded', () => {
    expect(render({ status: 'AGREED', recoveredFen: 12050n })).toContain('¥120.50')
    expect(render({ status: 'AGREED', recoveredFen: 12050n }, 'zh-CN')).toContain('为您挽回经济损失：¥120.50')
  })

  it('gives the mediation deadline while the complaint is accepted or in mediation, not the decision deadline', () => {
    const text = render({ status: 'ACCEPTED', mediationDueOn: '2027-01-27' })
    expect(text).toContain('2027-01-27')
    expect(text).not.toContain('2026-12-08')
  })

  it('gives the decision deadline while acceptance is pending, flagged when the calendar is not yet published', () => {
    expect(render({ status: 'RECEIVED' })).toContain('2026-12-08')
    expect(render({ status: 'RECEIVED', dueDatesFinal: false })).toContain('provisional')
  })
})
