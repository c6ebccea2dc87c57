// A ticket card's view with every field filled in, for the card's tests.
import type { renderTicketCard, TicketCardView } from '../../../src/telegram/render/ticket-card.ts'

export const ID = '0194f3a2-7c1d-7b3e-9a55-3f2d1c0b9a88'

export function view(overrides: Partial<TicketCardView> = {}): TicketCardView {
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

/** The callback data of every button of a card, in order ('' for a button without). */
export const callbackData = (card: ReturnType<typeof renderTicketCard>) =>
  card.reply_markup.inline_keyboard.flat().map((button) => ('callback_data' in button ? button.callback_data : ''))
