import { randomUUID } from 'node:crypto'

/** A confirmed complaint form about a business in `areaCode`, as the bot hands it to filing, with `photos` photos. */
export function benchComplaint(areaCode: string, photos = 0) {
  return {
    formId: randomUUID(),
    kind: 'COMPLAINT' as const,
    locale: 'zh-CN',
    draft: {
      respondentName: '好又多超市',
      location: { type: 'area' as const, areaCode },
      categoryCode: 'FOOD_PACKAGED',
      incidentDate: '2026-11-20',
      amountFen: 12050,
      facts: '买到的牛奶已经过期了三天，商家拒绝退货。',
      demands: ['REFUND'],
      contactName: '王小明',
      contactPhone: '+8613812345678',
      ...(photos > 0 && {
        evidence: Array.from({ length: photos }, (_, i) => ({
          kind: 'PHOTO' as const,
          fileId: `photo-${randomUUID()}-${i}`,
          fileUniqueId: randomUUID(),
        })),
      }),
    },
  }
}
