import { describe, expect, it } from 'vitest'
import { editFromReview, type FormAnswer, goBack } from '../../../src/domain/intake-form/index.ts'
import { apply, backTo, choice, complaint, completeComplaint, photo, refusal, text } from './answered-form.ts'

describe('a complaint form', () => {
  it('asks every question in order and ends on the review card with every answer', () => {
    const state = completeComplaint()
    expect(state.step).toBe('review')
    expect(state.trail).toEqual([
      'businessName',
      'location',
      'businessAddress',
      'category',
      'consumerUse',
      'incidentDate',
      'amount',
      'facts',
      'demands',
      'evidence',
      'contactName',
      'contactPhone',
      'mailingAddress',
      'idType',
      'idNumber',
    ])
    expect(state.draft).toEqual({
      respondentName: '好又多超市',
      respondentAddress: '东坡区诗书路1号',
      location: { type: 'area', areaCode: '511402001001' },
      categoryCode: 'FOOD_PACKAGED',
      forDailyLife: true,
      incidentDate: '2026-11-20',
      amountFen: 12050,
      facts: '买到的牛奶已经过期了三天，商家拒绝退货。',
      demands: ['REFUND', 'COMPENSATE'],
      demandOther: null,
      evidence: [{ kind: 'PHOTO', fileId: 'f-p1', fileUniqueId: 'p1', sizeBytes: 100_000 }],
      contactName: '王小明',
      contactPhone: '+8613812345678',
      mailingAddress: '东坡区苏祠路8号2单元301',
      idType: 'RESIDENT_ID',
      idNumber: '511402199001011235',
    })
  })

  it('re-asks the same question with the validator error when an answer is invalid', () => {
    const state = complaint()
    expect(refusal(state, text('A'))).toEqual({ source: 'text', code: 'TOO_SHORT', params: { limit: 2, length: 1 } })
    const atDate = apply(
      state,
      text('好又多超市'),
      { type: 'location', location: { type: 'online', platformName: '淘宝', platformCode: 'taobao' } },
      { type: 'skip' },
      choice('FOOD_PACKAGED'),
      choice('yes'),
    )
    expect(atDate.step).toBe('incidentDate')
    expect(refusal(atDate, text('2026-12-01'))).toMatchObject({ source: 'date', code: 'IN_FUTURE' })
    expect(refusal(atDate, text('soon'))).toMatchObject({ source: 'date', code: 'UNPARSEABLE' })
    const atAmount = apply(atDate, text('昨天'))
    expect(atAmount.draft.incidentDate).toBe('2026-11-27')
    expect(refusal(atAmount, text('0.001'))).toMatchObject({ source: 'amount', code: 'TOO_MANY_DECIMALS' })
    expect(refusal(atAmount, text('0'))).toMatchObject({ source: 'amount', code: 'ZERO' })
  })

  it("refuses a phone number with 10 digits, a foreign shared contact and someone else's contact card", () => {
    const atPhone = backTo('contactPhone')
    expect(refusal(atPhone, text('1381234567'))).toMatchObject({ source: 'phone', code: 'MOBILE_LENGTH' })
    expect(
      refusal(atPhone, { type: 'contact', contact: { isOwn: true, phoneNumber: '+14155550100', firstName: 'Bob' } }),
    ).toMatchObject({ source: 'phone', code: 'NOT_MAINLAND' })
    expect(
      refusal(atPhone, { type: 'contact', contact: { isOwn: false, phoneNumber: '+8613900001111', firstName: '李' } }),
    ).toMatchObject({ source: 'form', code: 'NOT_OWN_CONTACT' })
  })

  it("takes only the phone number of the sender's own shared contact, never its name", () => {
    const atName = backTo('contactName')
    expect(
      refusal(atName, {
        type: 'contact',
        contact: { isOwn: true, phoneNumber: '8613900001111', firstName: '李', lastName: '雷' },
      }),
    ).toMatchObject({ code: 'UNEXPECTED_INPUT' })
    const atPhone = backTo('contactPhone')
    const state = apply(atPhone, {
      type: 'contact',
      contact: { isOwn: true, phoneNumber: '8613900001111', firstName: '李', lastName: '雷' },
    })
    expect(state.step).toBe('mailingAddress')
    expect(state.draft).toMatchObject({ contactName: '王小明', contactPhone: '+8613900001111' })
  })

  it('requires a mailing address, and a resident ID number with a valid check digit', () => {
    const atAddress = backTo('mailingAddress')
    expect(refusal(atAddress, { type: 'skip' })).toMatchObject({ source: 'form', code: 'NOT_SKIPPABLE' })
    expect(refusal(atAddress, text(' '))).toMatchObject({ source: 'text', code: 'TOO_SHORT' })
    const atNumber = backTo('idNumber')
    expect(refusal(atNumber, text('511402199001011234'))).toEqual({
      source: 'idNumber',
      code: 'CHECK_DIGIT',
      params: {},
    })
    // Another document type asks its number again.
    const passport = apply(backTo('idType'), choice('PASSPORT'))
    expect(passport.step).toBe('idNumber')
    expect(passport.draft.idNumber).toBeUndefined()
    expect(apply(passport, text('e1234 5678')).draft).toMatchObject({ idType: 'PASSPORT', idNumber: 'E12345678' })
  })

  it('requires the business address of a shop in person, not of an online shop, which is placed by its shown address', () => {
    const atAddress = apply(complaint(), text('好又多超市'), {
      type: 'location',
      location: { type: 'area', areaCode: '1' },
    })
    expect(refusal(atAddress, { type: 'skip' })).toMatchObject({ code: 'NOT_SKIPPABLE' })
    const online = apply(complaint(), text('某网店'), {
      type: 'location',
      location: { type: 'online', platformName: '淘宝', platformCode: 'taobao' },
    })
    expect(apply(online, { type: 'skip' }).step).toBe('category')
    const atShopArea = apply(online, text('四川省眉山市东坡区诗书路2号'))
    expect(atShopArea.step).toBe('shopArea')
    const placed = apply(atShopArea, { type: 'location', location: { type: 'area', areaCode: '511402001001' } })
    expect(placed.step).toBe('category')
    expect(placed.draft.location).toEqual({
      type: 'online',
      platformName: '淘宝',
      platformCode: 'taobao',
      shopAreaCode: '511402001001',
    })
    expect(apply(atShopArea, choice('outside')).draft.location).toMatchObject({ shopAreaCode: null })
  })

  it('offers an inquiry when the purchase was not for daily-life use, or lets the consumer correct the answer', () => {
    const atUse = apply(
      complaint(),
      text('好又多超市'),
      { type: 'location', location: { type: 'area', areaCode: '1' } },
      text('东坡区诗书路1号'),
      choice('FOOD_PACKAGED'),
    )
    expect(atUse.step).toBe('consumerUse')
    const notConsumer = apply(atUse, choice('no'))
    expect(notConsumer.step).toBe('notConsumer')
    expect(apply(notConsumer, choice('change')).step).toBe('consumerUse')
    const inquiry = apply(notConsumer, choice('inquiry'))
    expect(inquiry).toMatchObject({ kind: 'INQUIRY', step: 'question', draft: { categoryCode: 'FOOD_PACKAGED' } })
  })

  it('refuses a photo, a button or a skip where typed text is required', () => {
    const state = complaint()
    expect(refusal(state, photo('x'))).toMatchObject({ source: 'form', code: 'UNEXPECTED_INPUT' })
    expect(refusal(state, choice('FOOD_PACKAGED'))).toMatchObject({ source: 'form', code: 'UNEXPECTED_INPUT' })
    expect(refusal(state, { type: 'skip' })).toMatchObject({ source: 'form', code: 'NOT_SKIPPABLE' })
    expect(refusal(state, text('x'.repeat(5000)))).toMatchObject({ source: 'form', code: 'OVERSIZED_TEXT' })
  })

  it('refuses a category group or an unknown code', () => {
    const atCategory = apply(
      complaint(),
      text('好又多超市'),
      { type: 'location', location: { type: 'area', areaCode: '1' } },
      text('东坡区诗书路1号'),
    )
    expect(refusal(atCategory, choice('GOODS_FOOD'))).toMatchObject({ code: 'UNKNOWN_CATEGORY' })
    expect(refusal(atCategory, choice('NOPE'))).toMatchObject({ code: 'UNKNOWN_CATEGORY' })
  })

  it('asks for the name of an unlisted online platform as a follow-up', () => {
    const atLocation = apply(complaint(), text('某网店'))
    const atPlatform = apply(atLocation, choice('online-other'))
    expect(atPlatform.step).toBe('platformName')
    const next = apply(atPlatform, text('小红书'))
    expect(next.step).toBe('businessAddress')
    expect(next.draft.location).toEqual({ type: 'online', platformName: '小红书' })
    expect(goBack(next)!.step).toBe('platformName')
  })

  it('offers an inquiry instead when the incident is more than three years old', () => {
    const atDate = apply(
      complaint(),
      text('好又多超市'),
      { type: 'location', location: { type: 'area', areaCode: '1' } },
      text('东坡区诗书路1号'),
      choice('FOOD_PACKAGED'),
      choice('yes'),
    )
    const barred = apply(atDate, text('2023-11-27'))
    expect(barred.step).toBe('timeBarred')
    expect(apply(barred, choice('change-date')).step).toBe('incidentDate')
    const inquiry = apply(barred, choice('inquiry'))
    expect(inquiry).toMatchObject({
      kind: 'INQUIRY',
      step: 'question',
      trail: [],
      draft: { categoryCode: 'FOOD_PACKAGED' },
    })
    expect(apply(inquiry, text('三年前买的热水器坏了怎么办？')).step).toBe('review')
    expect(apply(atDate, text('2023-11-28')).step).toBe('amount')
  })

  it('collects demands with toggles and asks for the "other" demand when it is chosen', () => {
    const atDemands = apply(completeComplaint())
    const opened = editFromReview(atDemands, 'demands')!
    expect(
      refusal(apply(opened, choice('toggle:REFUND'), choice('toggle:COMPENSATE')), { type: 'done' }),
    ).toMatchObject({ source: 'demands', code: 'NONE_SELECTED' })
    const withOther = apply(opened, choice('toggle:OTHER'), { type: 'done' })
    expect(withOther.step).toBe('demandOther')
    expect(refusal(withOther, text('x'))).toMatchObject({
      source: 'demands',
      code: 'OTHER_TEXT_TOO_SHORT',
      params: { limit: 2, length: 1 },
    })
    const back = apply(withOther, text('公开道歉'))
    expect(back.step).toBe('review')
    expect(back.draft).toMatchObject({ demands: ['REFUND', 'COMPENSATE', 'OTHER'], demandOther: '公开道歉' })
    expect(refusal(opened, choice('toggle:BRIBE'))).toMatchObject({ code: 'UNKNOWN_CHOICE' })
  })

  it('keeps at most nine pieces of evidence and refuses files over 20 MB', () => {
    const atEvidence = backTo('evidence')
    const nine = apply(atEvidence, ...Array.from({ length: 8 }, (_, i) => photo(`more${i}`)))
    expect(nine.draft.evidence).toHaveLength(9)
    expect(refusal(nine, photo('tenth'))).toEqual({ source: 'evidence', code: 'TOO_MANY', params: { limit: 9 } })
    expect(apply(nine, photo('p1')).draft.evidence).toHaveLength(9)
    const big: FormAnswer = {
      type: 'file',
      file: {
        kind: 'DOCUMENT',
        fileId: 'd',
        fileUniqueId: 'd',
        sizeBytes: 21 * 1024 * 1024,
        mimeType: 'application/pdf',
      },
    }
    expect(refusal(atEvidence, big)).toMatchObject({
      source: 'evidence',
      code: 'TOO_LARGE',
      params: { limit: 20 * 1024 * 1024 },
    })
  })
})
