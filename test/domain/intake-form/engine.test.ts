import { describe, expect, it } from 'vitest'
import {
  answerStep, confirmForm, editFromReview, goBack, startForm, type FormAnswer, type FormState,
} from '../../../src/domain/intake-form/index.ts'

const clock = { today: '2026-11-28', now: new Date('2026-11-28T04:00:00Z') }
const text = (value: string): FormAnswer => ({ type: 'text', text: value })
const choice = (value: string): FormAnswer => ({ type: 'choice', value })
const photo = (id: string, sizeBytes = 100_000): FormAnswer => ({ type: 'file', file: { kind: 'PHOTO', fileId: `f-${id}`, fileUniqueId: id, sizeBytes } })

function apply(state: FormState, ...answers: FormAnswer[]): FormState {
  let current = state
  for (const answer of answers) {
    const result = answerStep(current, answer, clock)
    if (result.status !== 'ok') throw new Error(`answer ${JSON.stringify(answer)} at ${current.step} refused: ${JSON.stringify(result.error)}`)
    current = result.state
  }
  return current
}

function refusal(state: FormState, answer: FormAnswer) {
  const result = answerStep(state, answer, clock)
  if (result.status !== 'refused') throw new Error(`expected a refusal at ${state.step}`)
  return result.error
}

const complaint = () => startForm('COMPLAINT', 'form-1', clock.now)

/** A complaint answered up to the review card. */
function completeComplaint(): FormState {
  return apply(
    complaint(),
    text('好又多超市'),
    { type: 'skip' },
    { type: 'location', location: { type: 'area', areaCode: '511402001001' } },
    choice('FOOD_PACKAGED'),
    text('2026-11-20'),
    text('120.50'),
    text('买到的牛奶已经过期了三天，商家拒绝退货。'),
    choice('toggle:REFUND'),
    choice('toggle:COMPENSATE'),
    { type: 'done' },
    photo('p1'),
    { type: 'done' },
    text('王小明'),
    text('138 1234 5678'),
  )
}

describe('a complaint form', () => {
  it('asks every question in order and ends on the review card with every answer', () => {
    const state = completeComplaint()
    expect(state.step).toBe('review')
    expect(state.trail).toEqual([
      'businessName', 'businessAddress', 'location', 'category', 'incidentDate', 'amount',
      'facts', 'demands', 'evidence', 'contactName', 'contactPhone',
    ])
    expect(state.draft).toEqual({
      respondentName: '好又多超市',
      respondentAddress: null,
      location: { type: 'area', areaCode: '511402001001' },
      categoryCode: 'FOOD_PACKAGED',
      incidentDate: '2026-11-20',
      amountFen: 12050,
      facts: '买到的牛奶已经过期了三天，商家拒绝退货。',
      demands: ['REFUND', 'COMPENSATE'],
      demandOther: null,
      evidence: [{ kind: 'PHOTO', fileId: 'f-p1', fileUniqueId: 'p1', sizeBytes: 100_000 }],
      contactName: '王小明',
      contactPhone: '+8613812345678',
    })
  })

  it('re-asks the same question with the validator error when an answer is invalid', () => {
    const state = complaint()
    expect(refusal(state, text('A'))).toEqual({ source: 'text', code: 'TOO_SHORT', params: { limit: 2, length: 1 } })
    const atDate = apply(state, text('好又多超市'), { type: 'skip' }, { type: 'location', location: { type: 'online', platformName: '淘宝', platformCode: 'taobao' } }, choice('FOOD_PACKAGED'))
    expect(atDate.step).toBe('incidentDate')
    expect(refusal(atDate, text('2026-12-01'))).toMatchObject({ source: 'date', code: 'IN_FUTURE' })
    expect(refusal(atDate, text('soon'))).toMatchObject({ source: 'date', code: 'UNPARSEABLE' })
    const atAmount = apply(atDate, text('昨天'))
    expect(atAmount.draft.incidentDate).toBe('2026-11-27')
    expect(refusal(atAmount, text('0.001'))).toMatchObject({ source: 'amount', code: 'TOO_MANY_DECIMALS' })
    expect(refusal(atAmount, text('0'))).toMatchObject({ source: 'amount', code: 'ZERO' })
  })

  it('refuses a phone number with 10 digits and a foreign shared contact', () => {
    const atPhone = apply(goBack(completeComplaint())!)
    expect(atPhone.step).toBe('contactPhone')
    expect(refusal(atPhone, text('1381234567'))).toMatchObject({ source: 'phone', code: 'MOBILE_LENGTH' })
    expect(refusal(atPhone, { type: 'contact', contact: { phoneNumber: '+14155550100', firstName: 'Bob' } })).toMatchObject({ source: 'phone', code: 'NOT_MAINLAND' })
  })

  it('takes name and phone from one shared contact and goes straight to the review card', () => {
    const atName = goBack(goBack(completeComplaint())!)!
    expect(atName.step).toBe('contactName')
    const state = apply(atName, { type: 'contact', contact: { phoneNumber: '8613900001111', firstName: '李', lastName: '雷' } })
    expect(state.step).toBe('review')
    expect(state.draft).toMatchObject({ contactName: '李雷', contactPhone: '+8613900001111' })
  })

  it('refuses a photo, a button or a skip where typed text is required', () => {
    const state = complaint()
    expect(refusal(state, photo('x'))).toMatchObject({ source: 'form', code: 'UNEXPECTED_INPUT' })
    expect(refusal(state, choice('FOOD_PACKAGED'))).toMatchObject({ source: 'form', code: 'UNEXPECTED_INPUT' })
    expect(refusal(state, { type: 'skip' })).toMatchObject({ source: 'form', code: 'NOT_SKIPPABLE' })
    expect(refusal(state, text('x'.repeat(5000)))).toMatchObject({ source: 'form', code: 'OVERSIZED_TEXT' })
  })

  it('refuses a category group or an unknown code', () => {
    const atCategory = apply(complaint(), text('好又多超市'), { type: 'skip' }, { type: 'location', location: { type: 'area', areaCode: '1' } })
    expect(refusal(atCategory, choice('GOODS_FOOD'))).toMatchObject({ code: 'UNKNOWN_CATEGORY' })
    expect(refusal(atCategory, choice('NOPE'))).toMatchObject({ code: 'UNKNOWN_CATEGORY' })
  })

  it('asks for the name of an unlisted online platform as a follow-up', () => {
    const atLocation = apply(complaint(), text('某网店'), { type: 'skip' })
    const atPlatform = apply(atLocation, choice('online-other'))
    expect(atPlatform.step).toBe('platformName')
    const next = apply(atPlatform, text('小红书'))
    expect(next.step).toBe('category')
    expect(next.draft.location).toEqual({ type: 'online', platformName: '小红书' })
    expect(goBack(next)!.step).toBe('platformName')
  })

  it('offers an inquiry instead when the incident is more than three years old', () => {
    const atDate = apply(complaint(), text('好又多超市'), { type: 'skip' }, { type: 'location', location: { type: 'area', areaCode: '1' } }, choice('FOOD_PACKAGED'))
    const barred = apply(atDate, text('2023-11-27'))
    expect(barred.step).toBe('timeBarred')
    expect(apply(barred, choice('change-date')).step).toBe('incidentDate')
    const inquiry = apply(barred, choice('inquiry'))
    expect(inquiry).toMatchObject({ kind: 'INQUIRY', step: 'question', trail: [], draft: { categoryCode: 'FOOD_PACKAGED' } })
    expect(apply(inquiry, text('三年前买的热水器坏了怎么办？')).step).toBe('review')
    expect(apply(atDate, text('2023-11-28')).step).toBe('amount')
  })

  it('collects demands with toggles and asks for the "other" demand when it is chosen', () => {
    const atDemands = apply(completeComplaint())
    const opened = editFromReview(atDemands, 'demands')!
    expect(refusal(apply(opened, choice('toggle:REFUND'), choice('toggle:COMPENSATE')), { type: 'done' })).toMatchObject({ source: 'demands', code: 'NONE_SELECTED' })
    const withOther = apply(opened, choice('toggle:OTHER'), { type: 'done' })
    expect(withOther.step).toBe('demandOther')
    expect(refusal(withOther, text('x'))).toMatchObject({ source: 'demands', code: 'OTHER_TEXT_TOO_SHORT', params: { limit: 2, length: 1 } })
    const back = apply(withOther, text('公开道歉'))
    expect(back.step).toBe('review')
    expect(back.draft).toMatchObject({ demands: ['REFUND', 'COMPENSATE', 'OTHER'], demandOther: '公开道歉' })
    expect(refusal(opened, choice('toggle:BRIBE'))).toMatchObject({ code: 'UNKNOWN_CHOICE' })
  })

  it('keeps at most nine pieces of evidence and refuses files over 20 MB', () => {
    const atEvidence = goBack(goBack(goBack(completeComplaint())!)!)!
    expect(atEvidence.step).toBe('evidence')
    const nine = apply(atEvidence, ...Array.from({ length: 8 }, (_, i) => photo(`more${i}`)))
    expect(nine.draft.evidence).toHaveLength(9)
    expect(refusal(nine, photo('tenth'))).toEqual({ source: 'evidence', code: 'TOO_MANY', params: { limit: 9 } })
    expect(apply(nine, photo('p1')).draft.evidence).toHaveLength(9)
    const big: FormAnswer = { type: 'file', file: { kind: 'DOCUMENT', fileId: 'd', fileUniqueId: 'd', sizeBytes: 21 * 1024 * 1024, mimeType: 'application/pdf' } }
    expect(refusal(atEvidence, big)).toMatchObject({ source: 'evidence', code: 'TOO_LARGE', params: { limit: 20 * 1024 * 1024 } })
  })
})

describe('Back and edits from the review card', () => {
  it('returns to the previous question and then forward again without losing answers', () => {
    const state = apply(complaint(), text('好又多超市'), text('东坡区诗书路1号'))
    const back = goBack(state)!
    expect(back.step).toBe('businessAddress')
    expect(back.draft.respondentAddress).toBe('东坡区诗书路1号')
    expect(goBack(complaint())).toBeUndefined()
  })

  it('returns to the review card after an edited answer, and on Back while editing', () => {
    const review = completeComplaint()
    const editing = editFromReview(review, 'amount')!
    expect(editing).toMatchObject({ step: 'amount', editing: true })
    expect(apply(editing, text('99')).step).toBe('review')
    expect(apply(editing, text('99')).draft.amountFen).toBe(9900)
    expect(goBack(editing)).toMatchObject({ step: 'review', editing: false })
    expect(editFromReview(review, 'question')).toBeUndefined()
    expect(editFromReview(editing, 'facts')).toBeUndefined()
  })

  it('follows a follow-up question during an edit before returning to the card', () => {
    const editing = editFromReview(completeComplaint(), 'incidentDate')!
    const barred = apply(editing, text('2020-01-01'))
    expect(barred.step).toBe('timeBarred')
    expect(apply(barred, choice('change-date'))).toMatchObject({ step: 'incidentDate', editing: true })
  })
})

describe('confirming', () => {
  it('hands the filing service the form id, kind, locale and draft', () => {
    const result = confirmForm(completeComplaint(), 'en')
    expect(result).toMatchObject({ status: 'confirmed', intake: { formId: 'form-1', kind: 'COMPLAINT', locale: 'en' } })
  })

  it('refuses a form that is not complete, naming the question to ask', () => {
    expect(confirmForm(apply(complaint(), text('好又多超市')), 'zh-CN')).toEqual({ status: 'incomplete', step: 'businessAddress' })
  })

  it('files a report with its violation as the facts and the anonymity choice', () => {
    const report = apply(
      startForm('REPORT', 'form-r', clock.now),
      text('黑心作坊'), text('东坡区某巷5号'),
      { type: 'location', location: { type: 'area', areaCode: '511402001001' } },
      choice('FOOD_BULK'),
      text('无证生产销售散装白酒'),
      { type: 'skip' },
      choice('yes'),
      text('匿名者'),
      text('028-82345678'),
    )
    expect(report.step).toBe('review')
    const result = confirmForm(report, 'zh-CN')
    expect(result.status === 'confirmed' && result.intake.draft).toMatchObject({ facts: '无证生产销售散装白酒', anonymous: true, contactPhone: '028-82345678', evidence: [] })
  })

  it('files an inquiry with its question and category', () => {
    const inquiry = apply(startForm('INQUIRY', 'form-q', clock.now), text('预付卡商家跑路了怎么办？'), choice('PREPAID_STORED_VALUE'))
    expect(inquiry.step).toBe('review')
    expect(confirmForm(inquiry, 'zh-CN')).toMatchObject({ status: 'confirmed', intake: { kind: 'INQUIRY', draft: { facts: '预付卡商家跑路了怎么办？' } } })
  })
})
