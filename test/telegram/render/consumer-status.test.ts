import { beforeAll, describe, expect, it } from 'vitest'
import { createTranslator, type Translator } from '../../../src/i18n/translator.ts'
import { type ConsumerStatusView, renderConsumerStatus } from '../../../src/telegram/render/consumer-status.ts'

let translator: Translator
beforeAll(async () => {
  translator = await createTranslator('zh-CN')
})

const view = (over: Partial<ConsumerStatusView>): ConsumerStatusView => ({
  kind: 'COMPLAINT',
  trackingNumber: 'MS-20261128-0042',
  status: 'RECEIVED',
  station: null,
  decisionDueOn: '2026-12-08',
  dueDatesFinal: true,
  note: null,
  ...over,
})
const render = (over: Partial<ConsumerStatusView>, locale: 'en' | 'zh-CN' = 'en') =>
  renderConsumerStatus(view(over), translator.forLocale(locale), locale)

describe('the consumer’s status message', () => {
  it('names the kind in lower case in the middle of the English sentence', () => {
    const text = render({ status: 'RECEIVED' })
    expect(text.split('\n')[0]).toMatch(/^Your complaint <b>MS-20261128-0042<\/b>: /)
    expect(text).not.toMatch(/Your (Complaint|Report|Inquiry)/)
  })

  it('tells each step of a 诉转案 case in terms of the consumer’s own complaint, in both languages, never as a report', () => {
    for (const caseStep of ['VERIFYING', 'FILED', 'NOT_FILED', 'DECIDED'] as const) {
      const zh = render({ status: 'MEDIATING', caseStep }, 'zh-CN')
      const en = render({ status: 'MEDIATING', caseStep })
      expect(zh).toContain('您投诉的 <b>MS-20261128-0042</b> 涉及的违法行为')
      expect(en).toContain('your complaint <b>MS-20261128-0042</b>')
      expect(zh + en).not.toMatch(/举报|report/i)
    }
    expect(render({ status: 'MEDIATING', caseStep: 'FILED' }, 'zh-CN')).toContain('已立案调查')
  })

  it('gives the withdrawal as the ground when the consumer ended the mediation', () => {
    expect(render({ status: 'MEDIATION_ENDED', ground: 'WITHDRAWN_OR_SETTLED' }, 'zh-CN')).toContain('投诉人撤回投诉')
  })

  it('gives the ground of a rejection and where else to turn', () => {
    const text = render({ status: 'NOT_ACCEPTED', ground: 'TIME_BARRED' })
    expect(text).toContain('more than 3 years since the harm was known')
    expect(text).toContain("consumers' association")
  })

  it('tells the money recovered once an agreement is recorded', () => {
    expect(render({ status: 'AGREED', recoveredFen: 12050n })).toContain('¥120.50')
    expect(render({ status: 'AGREED', recoveredFen: 12050n }, 'zh-CN')).toContain('为您挽回经济损失：¥120.50')
  })

  it('gives the mediation deadline while the complaint is accepted or in mediation, not the decision deadline', () => {
    const text = render({ status: 'ACCEPTED', mediationDueOn: '2027-01-27' })
    expect(text).toContain('Wed, 27 January 2027')
    expect(text).not.toContain('8 December 2026')
  })

  it('gives the decision deadline while acceptance is pending, flagged when the calendar is not yet published', () => {
    expect(render({ status: 'RECEIVED' })).toContain('Tue, 8 December 2026')
    expect(render({ status: 'RECEIVED', dueDatesFinal: false })).toContain('provisional')
  })

  it('names the kind in lower case mid-sentence in English', () => {
    expect(render({ status: 'RECEIVED' })).toContain('Your complaint <b>MS-20261128-0042</b>: received by the station')
    expect(render({ kind: 'REPORT', status: 'RECEIVED' })).toContain('Your report <b>')
    expect(render({ status: 'RECEIVED' }, 'zh-CN')).toContain('您的投诉 <b>MS-20261128-0042</b>')
  })

  it("gives English-speaking consumers the station's English address, and the Chinese one when there is none", () => {
    const station = {
      name: '通惠街道12315联络站',
      nameEn: 'Tonghui 12315 Liaison Station',
      address: '眉山市东坡区通惠街道便民服务中心',
      addressEn: 'Public Service Center, Tonghui Subdistrict, Dongpo District, Meishan',
      phone: '028-38123456',
    }
    expect(render({ station })).toContain(
      'Address: Public Service Center, Tonghui Subdistrict, Dongpo District, Meishan',
    )
    expect(render({ station }, 'zh-CN')).toContain('地址：眉山市东坡区通惠街道便民服务中心')
    expect(render({ station: { ...station, addressEn: null } })).toContain('Address: 眉山市东坡区通惠街道便民服务中心')
  })

  it("names the county center an escalated complaint went to, with its phone, in §13's words", () => {
    const center = {
      name: '东坡区12315投诉举报中心',
      nameEn: 'Dongpo District 12315 Center',
      address: '眉山市东坡区市场监督管理局',
      addressEn: null,
      phone: '12315',
    }
    const zh = render({ status: 'ESCALATED', station: center }, 'zh-CN')
    expect(zh).toContain('已上报市场监管部门')
    expect(zh).toContain('承办站点：<b>东坡区12315投诉举报中心</b>')
    expect(zh).toContain('电话：12315')
    expect(zh).not.toContain('12315 中心')
    expect(render({ status: 'ESCALATED', station: center })).toContain('passed on to the market regulation bureau')
  })

  it('says a transfer between bureau stations is a transfer, not another 上报', () => {
    const center = { name: '东坡区12315投诉举报中心', nameEn: null, address: null, addressEn: null, phone: null }
    const zh = render({ status: 'ESCALATED', station: center, transferred: true }, 'zh-CN')
    expect(zh.split('\n')[0]).toBe('您的投诉 <b>MS-20261128-0042</b>：已转交下列承办站点继续办理（已上报市场监管部门）')
    expect(zh).toContain('承办站点：<b>东坡区12315投诉举报中心</b>')
    expect(render({ status: 'ESCALATED', station: center, transferred: true }).split('\n')[0]).toBe(
      'Your complaint <b>MS-20261128-0042</b>: transferred to the station below, which goes on handling it (passed on to the market regulation bureau)',
    )
  })
})
