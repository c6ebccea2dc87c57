import { beforeAll, describe, expect, it } from 'vitest'
import { createTranslator, type TFunction } from '../../../src/i18n/translator.ts'
import { parseShowContactData, showContactData } from '../../../src/telegram/callback-data/show-contact.ts'
import { renderTicketCard } from '../../../src/telegram/render/ticket-card.ts'
import { callbackData, ID, view } from './ticket-card-view.ts'

let zh: TFunction
let en: TFunction
beforeAll(async () => {
  const translator = await createTranslator('zh-CN')
  zh = translator.forLocale('zh-CN')
  en = translator.forLocale('en')
})

describe('who filed it, on the ticket card', () => {
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
})
