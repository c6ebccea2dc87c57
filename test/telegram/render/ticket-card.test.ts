import { beforeAll, describe, expect, it } from 'vitest'
import { createTranslator, type TFunction } from '../../../src/i18n/translator.ts'
import { parseShowContactData, showContactData } from '../../../src/telegram/callback-data/show-contact.ts'
import { parseTicketActionData, ticketActionData } from '../../../src/telegram/callback-data/ticket-action.ts'
import { visibleLength } from '../../../src/telegram/html.ts'
import { renderTicketCard, type TicketCardView } from '../../../src/telegram/render/ticket-card.ts'

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
    place: {
      type: 'area',
      path: [
        { name: '东坡区', nameEn: 'Dongpo District' },
        { name: '诗书社区第1网格', nameEn: null },
      ],
    },
    incidentDate: '2026-11-20',
    facts: '牛奶过期三天。',
    violation: null,
    demands: ['REFUND', 'OTHER'],
    demandOther: '书面道歉',
    amountFen: 12050n,
    evidenceCount: 2,
    contactName: '王小明',
    contactPhone: '+8613812345678',
    idType: 'RESIDENT_ID',
    idNumberMasked: '5114**********1235',
    anonymous: false,
    decisionDueOn: '2026-12-09',
    dueDatesFinal: true,
    station: {
      id: 's',
      name: '诗书社区12315联络站',
      nameEn: 'Shishu 12315 liaison station',
      kind: 'COMMUNITY_LIAISON_STATION',
    },
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
    expect(parseTicketActionData(`t:zz:${ID}`)).toBeUndefined()
    expect(parseTicketActionData('t:ac:not-a-uuid')).toBeUndefined()
    expect(parseTicketActionData(`f:ac:${ID}`)).toBeUndefined()
    expect(() => ticketActionData('ACCEPT', 'x'.repeat(70))).toThrow(RangeError)
  })

  it('keeps the show-contact button within 64 bytes and refuses forged data', () => {
    expect(Buffer.byteLength(showContactData(ID), 'utf8')).toBeLessThanOrEqual(64)
    expect(parseShowContactData(showContactData(ID))).toEqual({ complaintId: ID })
    expect(parseShowContactData('sc:not-a-uuid')).toBeUndefined()
    expect(parseShowContactData(`t:ac:${ID}`)).toBeUndefined()
  })
})

describe('the ticket card', () => {
  it('shows tracking number, kind, category, business and place, facts, demands, amount, evidence and the decision deadline', () => {
    const { text } = renderTicketCard(view(), zh, { viewer: 'station' })
    for (const part of [
      'MS-20261128-0042',
      '投诉',
      '预包装食品',
      '好又多超市',
      '东坡区 › 诗书社区第1网格',
      '牛奶过期三天',
      '退还货款和服务费用',
      '书面道歉',
      '¥120.50',
      '证据：2 件',
      '2026年12月9日周三',
    ]) {
      expect(text).toContain(part)
    }
  })

  it("shows the group the consumer's name and phone masked, with a button that sends them privately", () => {
    const card = renderTicketCard(view(), zh, { viewer: 'station' })
    expect(card.text).toContain('联系人：王** *******5678')
    expect(card.text).not.toContain('王小明')
    expect(card.text).not.toContain('13812345678')
    const button = card.reply_markup.inline_keyboard
      .flat()
      .find((b) => 'callback_data' in b && b.callback_data.startsWith('sc:'))
    expect(button?.text).toBe('📇 私信查看联系方式')
    expect(parseShowContactData(button && 'callback_data' in button ? button.callback_data : '')).toEqual({
      complaintId: ID,
    })
  })

  it('shows the assigned liaison, in their private chat, the contact in full and no contact button', () => {
    const card = renderTicketCard(view(), zh, { viewer: 'liaison' })
    expect(card.text).toContain('联系人：王小明 +8613812345678')
    expect(callbackData(card).some((data) => data.startsWith('sc:'))).toBe(false)
  })

  it('offers no contact button when there is no contact', () => {
    const card = renderTicketCard(view({ contactName: null, contactPhone: null }), zh, { viewer: 'station' })
    expect(card.text).not.toContain('联系人')
    expect(callbackData(card).some((data) => data.startsWith('sc:'))).toBe(false)
  })

  it('says which messages reach the consumer and which stay internal', () => {
    expect(renderTicketCard(view(), zh, { viewer: 'station' }).text).toContain(
      '💬 回复本卡片或消费者发来的消息，即以本站名义转告消费者；其他消息不转给消费者，在工单话题中记为内部备注。',
    )
    expect(renderTicketCard(view(), en, { viewer: 'station' }).text).toContain(
      "in the ticket's topic it is kept as an internal note",
    )
    expect(renderTicketCard(view(), zh, { viewer: 'liaison' }).text).toContain(
      '💬 回复本卡片，即以承办站点名义转告消费者。',
    )
  })

  it('shows no evidence line when the consumer gave no evidence', () => {
    expect(renderTicketCard(view({ evidenceCount: 0 }), zh, { viewer: 'station' }).text).not.toContain('证据')
    expect(renderTicketCard(view({ evidenceCount: 0 }), en, { viewer: 'station' }).text).not.toContain('Evidence')
    expect(renderTicketCard(view({ evidenceCount: 1 }), en, { viewer: 'station' }).text).toContain(
      'Evidence: 1 file (below)',
    )
  })

  it("prints a report's violation once when it is all the reporter wrote", () => {
    const { text } = renderTicketCard(
      view({ kind: 'REPORT', facts: '销售过期食品，生产日期被涂改', violation: '销售过期食品，生产日期被涂改' }),
      zh,
      { viewer: 'station' },
    )
    expect(text.split('销售过期食品，生产日期被涂改').length - 1).toBe(1)
    expect(text).toContain('<b>涉嫌违法行为</b>\n销售过期食品')
    expect(text).not.toContain('事实经过')
  })

  it('offers the station the staff actions of the current status, and the liaison the liaison actions', () => {
    const station = renderTicketCard(view(), zh, { viewer: 'station' })
    // A community liaison station does the first mile: no 受理 / 不予受理 on its card.
    expect(
      callbackData(station)
        .filter((data) => data.startsWith('t:'))
        .map((data) => parseTicketActionData(data)?.action),
    ).toEqual(['ASSIGN_LIAISON', 'START_LOCAL_MEDIATION', 'ESCALATE', 'ADD_NOTE'])
    const office = renderTicketCard(
      view({
        station: {
          id: 's',
          name: '东坡区市场监督管理局通惠市场监管所',
          nameEn: null,
          kind: 'MARKET_SUPERVISION_OFFICE',
        },
      }),
      zh,
      { viewer: 'station' },
    )
    expect(
      callbackData(office)
        .filter((data) => data.startsWith('t:'))
        .map((data) => parseTicketActionData(data)?.action),
    ).toEqual(['ASSIGN_LIAISON', 'START_LOCAL_MEDIATION', 'ACCEPT', 'REJECT', 'TRANSFER', 'ADD_NOTE'])
    const liaison = renderTicketCard(view(), zh, { viewer: 'liaison' })
    expect(callbackData(liaison).map((data) => parseTicketActionData(data)?.action)).toEqual([
      'START_LOCAL_MEDIATION',
      'ESCALATE',
      'ADD_NOTE',
    ])
    expect(station.reply_markup.inline_keyboard.every((row) => row.length <= 2)).toBe(true)
  })

  it('escapes what the consumer typed', () => {
    const { text } = renderTicketCard(view({ respondentName: '<b>A&B</b> 超市', facts: 'x < y & z > 1' }), zh, {
      viewer: 'station',
    })
    expect(text).toContain('&lt;b&gt;A&amp;B&lt;/b&gt; 超市')
    expect(text).toContain('x &lt; y &amp; z &gt; 1')
  })

  it("shows a complaint's ID number masked, on the station's card and the liaison's", () => {
    for (const viewer of ['station', 'liaison'] as const) {
      expect(renderTicketCard(view(), zh, { viewer }).text).toContain('证件：居民身份证 5114**********1235')
    }
    expect(renderTicketCard(view(), en, { viewer: 'station' }).text).toContain(
      'ID: Resident ID card (居民身份证) 5114**********1235',
    )
  })

  it('shows no identity at all on an anonymous report, and says it is anonymous', () => {
    const card = renderTicketCard(
      view({
        kind: 'REPORT',
        anonymous: true,
        violation: '销售过期食品',
        contactName: null,
        contactPhone: null,
        idType: null,
        idNumberMasked: null,
      }),
      zh,
      { viewer: 'station' },
    )
    expect(card.text).toContain('匿名举报：举报人未留任何身份信息')
    expect(card.text).not.toMatch(/联系人|证件|5678/)
    expect(callbackData(card)).not.toContain(showContactData(ID))
    expect(card.text).toContain('<b>事实经过</b>\n牛奶过期三天。')
    expect(card.text).toContain('<b>涉嫌违法行为</b>\n销售过期食品')
  })

  it("says a named reporter is confidential, masks them on the station's card and leaves them off the liaison's", () => {
    const report = view({
      kind: 'REPORT',
      violation: '销售过期食品',
      station: { id: 'o', name: '苏祠市场监管所', nameEn: null, kind: 'MARKET_SUPERVISION_OFFICE' },
    })
    const station = renderTicketCard(report, zh, { viewer: 'station' })
    expect(station.text).toContain('实名举报：举报人身份依法保密，仅承办的市场监管部门可查看')
    expect(station.text).toContain('*******5678')
    expect(station.text).not.toContain('王小明')
    expect(callbackData(station)).toContain(showContactData(ID))
    // A community station does not handle reports under the law: nothing of the reporter, not even masked.
    const community = renderTicketCard({ ...report, station: view().station }, zh, { viewer: 'station' })
    expect(community.text).toContain('实名举报')
    expect(community.text).not.toMatch(/王|5678|5114/)
    expect(callbackData(community)).not.toContain(showContactData(ID))
    const liaison = renderTicketCard(report, zh, { viewer: 'liaison' })
    expect(liaison.text).toContain('实名举报')
    expect(liaison.text).not.toMatch(/王|5678|5114/)
    expect(renderTicketCard(report, en, { viewer: 'station' }).text).toContain(
      "Named report: the reporter's identity is confidential by law",
    )
  })

  it('says why a county center received the ticket of another station', () => {
    const { text } = renderTicketCard(
      view({
        redirectedFrom: { stationName: { name: '东关社区第2网格工作站', nameEn: null }, reason: 'STATION_UNBOUND' },
      }),
      zh,
      { viewer: 'station' },
    )
    expect(text).toContain('东关社区第2网格工作站尚未绑定 Telegram 群，本工单由县级12315投诉举报中心接收。')
  })

  it('renders in English with English area names where known', () => {
    const { text } = renderTicketCard(view(), en, { viewer: 'station' })
    expect(text).toContain('Complaint')
    expect(text).toContain('Dongpo District › 诗书社区第1网格')
    expect(text).toContain('Shishu 12315 liaison station')
  })

  it('stays within one message even with every text at its longest and full of characters that need escaping', () => {
    const { text } = renderTicketCard(
      view({
        facts: '&'.repeat(5000),
        violation: '<'.repeat(1000),
        respondentName: '>'.repeat(100),
        respondentAddress: '&'.repeat(200),
      }),
      zh,
      { viewer: 'station' },
    )
    expect(visibleLength(text)).toBeLessThanOrEqual(4096)
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/)
  })

  it('drops the decision deadline once the station has decided', () => {
    const { text, reply_markup } = renderTicketCard(view({ status: 'ACCEPTED' }), zh, { viewer: 'station' })
    expect(text).not.toContain('受理决定期限')
    expect(reply_markup.inline_keyboard.flat().length).toBeGreaterThan(0)
  })

  it('shows a report its filing decision and an inquiry no deadline, each with its own provisional flag, never an acceptance deadline', () => {
    const office = {
      id: 's',
      name: '东坡区市场监督管理局通惠市场监管所',
      nameEn: null,
      kind: 'MARKET_SUPERVISION_OFFICE' as const,
    }
    const report = renderTicketCard(
      view({
        kind: 'REPORT',
        status: 'VERIFYING',
        violation: '销售过期食品',
        station: office,
        decisionDueOn: '2027-01-20',
        dueDatesFinal: false,
      }),
      zh,
      { viewer: 'station' },
    ).text
    expect(report).toContain('立案决定期限：<b>2027年1月20日周三</b>（暂定：超出已公布的节假日安排）')
    expect(report).not.toContain('受理决定期限')
    const inquiry = renderTicketCard(view({ kind: 'INQUIRY', station: office, decisionDueOn: '2026-12-09' }), zh, {
      viewer: 'station',
    }).text
    expect(inquiry).not.toMatch(/决定期限/)
    const local = renderTicketCard(view({ decisionDueOn: null, localTargetOn: '2026-12-14' }), en, {
      viewer: 'station',
    }).text
    expect(local).toContain(
      'This station aims to settle or pass it on by <b>Mon, 14 December 2026</b> (a target, not a legal deadline',
    )
    expect(local).not.toContain('Decide on acceptance')
  })
})
