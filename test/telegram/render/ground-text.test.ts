import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { chineseNumeral, formatArticle, type RuleId, STATUTORY_RULES } from '../../../src/domain/rules/index.ts'
import { createTranslator, type Translator } from '../../../src/i18n/translator.ts'
import { renderConsumerStatus } from '../../../src/telegram/render/consumer-status.ts'
import { type GroundList, groundText } from '../../../src/telegram/render/ground-text.ts'

let translator: Translator
beforeAll(async () => {
  translator = await createTranslator('zh-CN')
})

/** Every ground of both rules as a Chinese text must show it: the rule's own wording, the article written out. */
const ZH: Record<RuleId, Record<GroundList, Record<string, [label: string, article: string]>>> = {
  ORDER_20: {
    notAccepted: {
      OUTSIDE_DUTIES: ['投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限', '第十五条第（一）项'],
      ALREADY_HANDLED: [
        '法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会等已经受理或者处理过同一消费者权益争议',
        '第十五条第（二）项',
      ],
      NOT_CONSUMER_USE: [
        '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议',
        '第十五条第（三）项',
      ],
      TIME_BARRED: ['自知道或者应当知道权益受到侵害之日起超过三年', '第十五条第（四）项'],
      MATERIALS_MISSING: ['未提供规定的投诉材料', '第十五条第（五）项'],
      OTHER: ['法律、法规、规章规定不予受理的其他情形', '第十五条第（六）项'],
    },
    mediationEnded: {
      WITHDRAWN_OR_SETTLED: ['投诉人撤回投诉或者双方自行和解', '第二十一条第一款第（一）项'],
      NO_TESTING_AGREEMENT: [
        '投诉人与被投诉人对委托承担检定、检验、检测、鉴定工作的技术机构或者费用承担无法协商一致',
        '第二十一条第一款第（二）项',
      ],
      PARTY_ABSENT_OR_REFUSES: [
        '投诉人或者被投诉人无正当理由不参加调解，或者被投诉人明确拒绝调解',
        '第二十一条第一款第（三）项',
      ],
      AGREEMENT_IMPOSSIBLE: ['经组织调解，投诉人或者被投诉人明确表示无法达成调解协议', '第二十一条第一款第（四）项'],
      PERIOD_EXPIRED: [
        '自投诉受理之日起四十五个工作日内投诉人和被投诉人未能达成调解协议',
        '第二十一条第一款第（五）项',
      ],
      NON_ACCEPTANCE_GROUND_FOUND: ['受理投诉后发现存在第十五条规定的不予受理情形', '第二十一条第一款第（六）项'],
      OTHER: ['其他应当终止调解的情形', '第二十一条第一款第（七）项'],
    },
  },
  ORDER_121: {
    notAccepted: {
      OUTSIDE_DUTIES: ['投诉事项不属于市场监督管理部门职责，或者本行政机关不具有处理权限', '第十六条第（一）项'],
      ALREADY_HANDLED: [
        '法院、仲裁机构、市场监督管理部门或者其他行政机关、消费者协会等已经受理或者处理过同一消费者权益争议',
        '第十六条第（二）项',
      ],
      NOT_CONSUMER_USE: [
        '不是为生活消费需要购买、使用商品或者接受服务，或者不能证明与被投诉人之间存在消费者权益争议',
        '第十六条第（三）项',
      ],
      TIME_BARRED: ['自知道或者应当知道权益受到侵害之日起超过三年', '第十六条第（四）项'],
      MATERIALS_MISSING: ['未提供规定的投诉材料或者提供的材料不真实', '第十六条第（五）项'],
      IMPERSONATION: ['冒用他人身份或者拒绝配合身份核验', '第十六条第（六）项'],
      OTHER: ['法律、法规、规章规定不予受理的其他情形', '第十六条第（七）项'],
    },
    mediationEnded: {
      WITHDRAWN_OR_SETTLED: ['投诉人撤回投诉或者双方自行和解', '第二十三条第一款第（一）项'],
      PARTY_ABSENT_OR_REFUSES: [
        '投诉人或者被投诉人无正当理由不参加调解，或者被投诉人明确拒绝调解',
        '第二十三条第一款第（二）项',
      ],
      AGREEMENT_IMPOSSIBLE: ['经组织调解，投诉人或者被投诉人明确表示无法达成调解协议', '第二十三条第一款第（三）项'],
      NO_TESTING_AGREEMENT: ['投诉人与被投诉人对检测、鉴定等费用承担无法协商一致', '第二十三条第一款第（四）项'],
      PERIOD_EXPIRED: ['自投诉受理之日起六十日内投诉人和被投诉人未能达成调解协议', '第二十三条第一款第（五）项'],
      NON_ACCEPTANCE_GROUND_FOUND: ['受理投诉后发现存在第十六条或者第四十二条规定的情形', '第二十三条第一款第（六）项'],
      PARTY_CEASED_TO_EXIST: ['投诉人或者被投诉人死亡或者终止', '第二十三条第一款第（七）项'],
      OTHER: ['其他应当终止调解的情形', '第二十三条第一款第（八）项'],
    },
  },
}

describe('ground texts per rule', () => {
  for (const rule of ['ORDER_20', 'ORDER_121'] as const) {
    it(`words every ground of ${rule} in Chinese as the table says, with the article written out`, () => {
      const zh = translator.forLocale('zh-CN')
      const lists = {
        notAccepted: STATUTORY_RULES[rule].nonAcceptanceGrounds,
        mediationEnded: STATUTORY_RULES[rule].mediationTerminationGrounds,
      }
      for (const list of ['notAccepted', 'mediationEnded'] as const) {
        const shown = Object.fromEntries(
          lists[list].map((ground) => {
            const text = groundText(zh, 'zh-CN', rule, list, ground.code)
            return [ground.code, [text.label, text.article]]
          }),
        )
        expect(shown, `${rule} ${list}`).toEqual(ZH[rule][list])
      }
    })
  }

  it('writes article references as Art. 16(5) in English', () => {
    const en = translator.forLocale('en')
    expect(groundText(en, 'en', 'ORDER_121', 'notAccepted', 'MATERIALS_MISSING')).toEqual({
      label: 'the required complaint materials were not provided, or the materials are not true',
      article: 'Art. 16(5)',
    })
    expect(groundText(en, 'en', 'ORDER_20', 'notAccepted', 'MATERIALS_MISSING').label).toBe(
      'the required complaint materials were not provided',
    )
    expect(groundText(en, 'en', 'ORDER_20', 'mediationEnded', 'PERIOD_EXPIRED').article).toBe('Art. 21(1)(5)')
  })

  it('writes Chinese numerals and refuses a reference not in the stored form', () => {
    expect([1, 10, 15, 16, 21, 23, 42, 99].map(chineseNumeral)).toEqual([
      '一',
      '十',
      '十五',
      '十六',
      '二十一',
      '二十三',
      '四十二',
      '九十九',
    ])
    expect(formatArticle('Art. 16', 'zh')).toBe('第十六条')
    expect(() => formatArticle('第十六条', 'zh')).toThrow(RangeError)
  })

  it('marks every ground of Order 121 unconfirmed and every ground of Order 20 confirmed', () => {
    const all = (rule: RuleId) => [
      ...STATUTORY_RULES[rule].nonAcceptanceGrounds,
      ...STATUTORY_RULES[rule].mediationTerminationGrounds,
    ]
    expect(all('ORDER_20').every((ground) => ground.confirmed)).toBe(true)
    expect(all('ORDER_121').every((ground) => !ground.confirmed)).toBe(true)
  })
})

describe('words in Chinese texts', () => {
  it('never says 受理 in a receipt message: the filing confirmation and the routing to a first-mile station', () => {
    const intake = JSON.parse(readFileSync(new URL('../../../locales/zh-CN/intake.json', import.meta.url), 'utf8'))
    for (const kind of ['COMPLAINT', 'REPORT', 'INQUIRY']) {
      expect(
        `${intake.filed.title[kind]}${intake.filed.next[kind]}${intake.filed.clock[kind] ?? ''}`,
        kind,
      ).not.toContain('受理')
    }
    const zh = translator.forLocale('zh-CN')
    const station = { name: '东坡区通惠街道12315联络站', nameEn: null, address: null, addressEn: null, phone: null }
    const received = renderConsumerStatus(
      {
        kind: 'COMPLAINT',
        trackingNumber: 'MS-20261202-0001',
        status: 'RECEIVED',
        station,
        decisionDueOn: null,
        dueDatesFinal: true,
        note: null,
        bureauReceived: false,
      },
      zh,
      'zh-CN',
    )
    expect(received).not.toContain('受理')
    expect(received).toContain('法律规定的办理期限从市场监管部门收到您的投诉之日起计算')
    // At a bureau station 受理 names only the legal acceptance decision.
    const atBureau = renderConsumerStatus(
      {
        kind: 'COMPLAINT',
        trackingNumber: 'MS-20261202-0001',
        status: 'RECEIVED',
        station,
        decisionDueOn: '2026-12-11',
        dueDatesFinal: true,
        note: null,
        bureauReceived: true,
      },
      zh,
      'zh-CN',
    )
    expect(atBureau).toContain('市场监管部门应于 2026年12月11日周五 前作出是否受理的决定并告知您。')
    expect(atBureau.replaceAll('是否受理', '')).not.toContain('受理')
  })

  it('uses one word per role and 承办站点 for the station handling a ticket', () => {
    for (const file of ['tickets', 'status', 'delivery', 'intake', 'access', 'statistics']) {
      const text = readFileSync(new URL(`../../../locales/zh-CN/${file}.json`, import.meta.url), 'utf8')
      for (const wrong of ['网格联络员', '联络员', '就地和解', '12315 中心', '受理站点', '受理：'])
        expect(text, `${file}: ${wrong}`).not.toContain(wrong)
    }
  })
})
