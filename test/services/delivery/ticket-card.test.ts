import { beforeAll, describe, expect, it } from 'vitest'
import { createTranslator, type TFunction } from '../../../src/i18n/translator.ts'
import { visibleLength } from '../../../src/services/delivery/html.ts'
import { parseTicketActionData, renderTicketCard, ticketActionData, type TicketCardView } from '../../../src/services/delivery/ticket-card.ts'

let zh: TFunction
let en: TFunction
beforeAll(async () => {
  const translator = await createTranslator('zh-CN')
  zh = translator.forLocale('zh-CN')
  en = translator.forLocale('en')
})

const ID = '0194f3a2-7c1d-7b3e-9a55-3f2d1c0b9a88'

function view(overrides: Partial<TicketCardView> = {}): TicketCardView {
  return {
    complaintId: ID,
    trackingNumber: 'MS-20261128-0042',
    kind: 'COMPLAINT',
    status: 'RECEIVED',
    categoryCode: 'FOOD_PACKAGED',
    respondentName: '好又多超市',
    respondentAddress: '通惠街 8 号',
    place: { type: 'area', path: [{ name: '东坡区', nameEn: 'Dongpo District' }, { name: '诗书社区第1网格', nameEn: null }] },
    incidentDate: '2026-11-20',
    facts: '牛奶过期三天。',
    violation: null,
    demands: ['REFUND', 'OTHER'],
    demandOther: '书面道歉',
    amountFen: 12050n,
    evidenceCount: 2,
    contactName: '王小明',
    contactPhone: '+8613812345678',
    anonymous: false,
    decisionDueOn: '2026-12-09',
    dueDatesFinal: true,
    station: { id: 's', name: '诗书社区12315联络站', nameEn: 'Shishu 12315 liaison station' },
    redirectedFrom: null,
    ...overrides,
  }
}

const callbackData = (card: ReturnType<typeof renderTicketCard>) =>
  card.reply_markup.inline_keyboard.flat().map((button) => ('callback_data' in button ? button.callback_data : ''))

describe('ticket action callback data', () => {
  it('round-trips every action within 64 bytes', () => {
    for (const action of ['ACCEPT', 'REJECT', 'START_LOCAL_MEDIATION', 'ADD_NOTE', 'TRANSFER'] as const) {
      const data = ticketActionData(action, ID)
      expect(Buffer.byteLength(data, 'utf8')).toBeLessThanOrEqual(64)
      expect(parseTicketActionData(data)).toEqual({ action, complaintId: ID })
    }
  })

  it('rejects stale or forged data', () => {
    expect(parseTicketActionData('t:zz:' + ID)).toBeUndefined()
    expect(parseTicketActionData('t:ac:not-a-uuid')).toBeUndefined()
    expect(parseTicketActionData('f:ac:' + ID)).toBeUndefined()
    expect(() => ticketActionData('ACCEPT', 'x'.repeat(70))).toThrow(RangeError)
  })
})

describe('the ticket card', () => {
  it('shows tracking number, kind, category, business and place, facts, demands, amount, evidence and the decision deadline', () => {
    const { text } = renderTicketCard(view(), zh, { viewer: 'station' })
    for (const part of ['MS-20261128-0042', '投诉', '预包装食品', '好又多超市', '东坡区 › 诗书社区第1网格', '牛奶过期三天', '退还货款和服务费用', '书面道歉', '¥120.50', '证据：2 件', '2026-12-09', '+8613812345678']) {
      expect(text).toContain(part)
    }
  })

  it('offers the station the staff actions of the current status, and the liaison the liaison actions', () => {
    const station = renderTicketCard(view(), zh, { viewer: 'station' })
    expect(callbackData(station).map((data) => parseTicketActionData(data)?.action)).toEqual(['ASSIGN_LIAISON', 'START_LOCAL_MEDIATION', 'ESCALATE', 'ACCEPT', 'REJECT', 'TRANSFER', 'ADD_NOTE'])
    const liaison = renderTicketCard(view(), zh, { viewer: 'liaison' })
    expect(callbackData(liaison).map((data) => parseTicketActionData(data)?.action)).toEqual(['START_LOCAL_MEDIATION', 'ESCALATE', 'ADD_NOTE'])
    expect(station.reply_markup.inline_keyboard.every((row) => row.length <= 2)).toBe(true)
  })

  it('escapes what the consumer typed', () => {
    const { text } = renderTicketCard(view({ respondentName: '<b>A&B</b> 超市', facts: 'x < y & z > 1' }), zh, { viewer: 'station' })
    expect(text).toContain('&lt;b&gt;A&amp;B&lt;/b&gt; 超市')
    expect(text).toContain('x &lt; y &amp; z &gt; 1')
  })

  it('marks an anonymous report while still showing the handler the contact', () => {
    const { text } = renderTicketCard(view({ kind: 'REPORT', anonymous: true, violation: '销售过期食品' }), zh, { viewer: 'station' })
    expect(text).toContain('举报人要求对经营者保密身份')
    expect(text).toContain('+8613812345678')
    expect(text).toContain('销售过期食品')
  })

  it('says why a county center received the ticket of another station', () => {
    const { text } = renderTicketCard(view({ redirectedFrom: { stationName: { name: '东关社区第2网格工作站', nameEn: null }, reason: 'STATION_UNBOUND' } }), zh, { viewer: 'station' })
    expect(text).toContain('东关社区第2网格工作站尚未绑定 Telegram 群')
  })

  it('renders in English with English area names where known', () => {
    const { text } = renderTicketCard(view(), en, { viewer: 'station' })
    expect(text).toContain('Complaint')
    expect(text).toContain('Dongpo District › 诗书社区第1网格')
    expect(text).toContain('Shishu 12315 liaison station')
  })

  it('stays within one message even with every text at its longest and full of characters that need escaping', () => {
    const { text } = renderTicketCard(view({ facts: '&'.repeat(5000), violation: '<'.repeat(1000), respondentName: '>'.repeat(100), respondentAddress: '&'.repeat(200) }), zh, { viewer: 'station' })
    expect(visibleLength(text)).toBeLessThanOrEqual(4096)
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/)
  })

  it('drops the decision deadline once the station has decided', () => {
    const { text, reply_markup } = renderTicketCard(view({ status: 'ACCEPTED' }), zh, { viewer: 'station' })
    expect(text).not.toContain('受理决定期限')
    expect(reply_markup.inline_keyboard.flat().length).toBeGreaterThan(0)
  })
})
