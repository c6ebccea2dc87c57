import { beforeAll, describe, expect, it } from 'vitest'
import { createTranslator, type TFunction } from '../../../src/i18n/translator.ts'
import { parseTicketActionData } from '../../../src/telegram/callback-data/ticket-action.ts'
import { visibleLength } from '../../../src/telegram/html.ts'
import { renderTicketCard } from '../../../src/telegram/render/ticket-card.ts'
import { callbackData, view } from './ticket-card-view.ts'

let zh: TFunction
let en: TFunction
beforeAll(async () => {
  const translator = await createTranslator('zh-CN')
  zh = translator.forLocale('zh-CN')
  en = translator.forLocale('en')
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

  it('names the 网格员 mediating the ticket on the station’s card, not on their own', () => {
    const assigned = view({ liaisonName: '李网格' })
    expect(renderTicketCard(assigned, zh, { viewer: 'station' }).text).toContain('网格员：李网格')
    expect(renderTicketCard(assigned, en, { viewer: 'station' }).text).toContain('Grid worker: 李网格')
    expect(renderTicketCard(assigned, zh, { viewer: 'liaison' }).text).not.toContain('网格员：')
    expect(renderTicketCard(view({ liaisonName: null }), zh, { viewer: 'station' }).text).not.toContain('网格员：')
  })

  it('shows what the consumer added since filing (the latest three, shortened) and why the ticket was passed on', () => {
    const at = new Date('2026-12-03T02:30:00Z')
    const card = renderTicketCard(
      view({
        addedInformation: {
          count: 4,
          latest: [
            { at, text: '商家还辱骂了我' },
            { at, text: '甲'.repeat(250) },
            { at, text: '<b>不是标签</b>' },
          ],
        },
        handOverReason: { action: 'ESCALATE', note: '商家拒绝调解' },
      }),
      zh,
      { viewer: 'station' },
    ).text
    expect(card).toContain('消费者补充说明（共 4 条，最近的如下）')
    expect(card).toContain('• 2026-12-03 10:30：商家还辱骂了我')
    expect(card).toContain(`${'甲'.repeat(200)}…`)
    expect(card).not.toContain('甲'.repeat(201))
    expect(card).toContain('&lt;b&gt;不是标签&lt;/b&gt;')
    expect(card).toContain('⬆️ 上报理由：商家拒绝调解')
    expect(
      renderTicketCard(view({ handOverReason: { action: 'TRANSFER', note: 'out of area' } }), en, { viewer: 'station' })
        .text,
    ).toContain('↪️ Reason for the transfer: out of area')
  })

  it('shows an inquiry as a question, without an empty business line', () => {
    const inquiry = renderTicketCard(
      view({ kind: 'INQUIRY', respondentName: '', facts: '预付卡商家关门了怎么办？' }),
      zh,
      { viewer: 'station' },
    ).text
    expect(inquiry).toContain('<b>咨询内容</b>\n预付卡商家关门了怎么办？')
    expect(inquiry).not.toContain('经营者：')
    expect(inquiry).not.toContain('事实经过')
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

  it('names a first-mile station’s target by kind: settle a complaint, pass a report up, answer an inquiry', () => {
    const card = (kind: 'COMPLAINT' | 'REPORT' | 'INQUIRY') =>
      renderTicketCard(view({ kind, decisionDueOn: null, localTargetOn: '2026-12-14' }), zh, { viewer: 'station' }).text
    expect(card('COMPLAINT')).toContain('🎯 本站就地化解目标：<b>2026年12月14日周一</b>')
    expect(card('REPORT')).toContain('🎯 本站上报目标：<b>2026年12月14日周一</b>')
    expect(card('REPORT')).not.toContain('就地化解')
    expect(card('INQUIRY')).toContain('🎯 本站答复目标：<b>2026年12月14日周一</b>（工作目标，咨询没有法定期限）')
  })
})
