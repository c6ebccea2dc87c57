import { describe, expect, it } from 'vitest'
import { confirmForm, editFromReview, goBack, reviewSteps, startForm } from '../../../src/domain/intake-form/index.ts'
import { apply, choice, clock, complaint, completeComplaint, text } from './answered-form.ts'

describe('Back and edits from the review card', () => {
  it('returns to the previous question and then forward again without losing answers', () => {
    const state = apply(
      complaint(),
      text('好又多超市'),
      { type: 'location', location: { type: 'area', areaCode: '1' } },
      text('东坡区诗书路1号'),
    )
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
    expect(confirmForm(apply(complaint(), text('好又多超市')), 'zh-CN')).toEqual({
      status: 'incomplete',
      step: 'location',
    })
  })

  const reportUpToIdentity = () =>
    apply(
      startForm('REPORT', 'form-r', clock.now),
      text('黑心作坊'),
      { type: 'location', location: { type: 'area', areaCode: '511402001001' } },
      text('东坡区某巷5号'),
      choice('FOOD_BULK'),
      text('无证生产销售散装白酒'),
      { type: 'skip' },
    )

  it("files a named report with its violation as the facts, the reporter's name, phone and ID", () => {
    const report = apply(
      reportUpToIdentity(),
      choice('named'),
      text('李四'),
      text('028-82345678'),
      choice('RESIDENT_ID'),
      text('11010519491231002X'),
    )
    expect(report.step).toBe('review')
    const result = confirmForm(report, 'zh-CN')
    expect(result.status === 'confirmed' && result.intake.draft).toMatchObject({
      facts: '无证生产销售散装白酒',
      anonymous: false,
      contactName: '李四',
      contactPhone: '028-82345678',
      idType: 'RESIDENT_ID',
      evidence: [],
    })
  })

  it('asks an anonymous reporter for no name, phone or ID, and drops any given before', () => {
    const report = apply(reportUpToIdentity(), choice('anonymous'))
    expect(report.step).toBe('review')
    expect(reviewSteps('REPORT', report.draft)).not.toContain('contactName')
    const result = confirmForm(report, 'zh-CN')
    expect(result.status === 'confirmed' && result.intake.draft).toMatchObject({ anonymous: true })
    const named = apply(
      reportUpToIdentity(),
      choice('named'),
      text('李四'),
      text('028-82345678'),
      choice('RESIDENT_ID'),
      text('11010519491231002X'),
    )
    const madeAnonymous = apply(editFromReview(named, 'anonymous')!, choice('anonymous'))
    expect(madeAnonymous.step).toBe('review')
    for (const field of ['contactName', 'contactPhone', 'idType', 'idNumber'] as const)
      expect(madeAnonymous.draft[field]).toBeUndefined()
    // Made named again from the card: the identity questions are asked in turn, then the card again.
    const named2 = apply(editFromReview(madeAnonymous, 'anonymous')!, choice('named'))
    expect(named2).toMatchObject({ step: 'contactName', editing: true })
    expect(
      apply(named2, text('李四'), text('028-82345678'), choice('RESIDENT_ID'), text('11010519491231002X')).step,
    ).toBe('review')
  })

  it('asks the address again when an edited place turns a shop in person into an online shop, and only then', () => {
    const review = completeComplaint()
    const regrid = apply(editFromReview(review, 'location')!, {
      type: 'location',
      location: { type: 'area', areaCode: '511402001001-02' },
    })
    expect(regrid).toMatchObject({ step: 'review', draft: { respondentAddress: '东坡区诗书路1号' } })
    const online = apply(editFromReview(review, 'location')!, {
      type: 'location',
      location: { type: 'online', platformName: '淘宝', platformCode: 'taobao' },
    })
    expect(online).toMatchObject({ step: 'businessAddress', editing: true })
    expect(online.draft.respondentAddress).toBeUndefined()
    expect(apply(online, { type: 'skip' }).step).toBe('review')
  })

  it('files an inquiry with its question, the consumer’s place and its category', () => {
    const inquiry = apply(
      startForm('INQUIRY', 'form-q', clock.now),
      text('预付卡商家跑路了怎么办？'),
      { type: 'location', location: { type: 'area', areaCode: '511402001001' } },
      choice('PREPAID_STORED_VALUE'),
    )
    expect(inquiry.step).toBe('review')
    expect(confirmForm(inquiry, 'zh-CN')).toMatchObject({
      status: 'confirmed',
      intake: {
        kind: 'INQUIRY',
        draft: { facts: '预付卡商家跑路了怎么办？', location: { type: 'area', areaCode: '511402001001' } },
      },
    })
  })

  it('asks an inquiry saved before the place was asked for it before filing it', () => {
    // As stored by the release before: the question answered, at the category, no place.
    const saved = {
      ...startForm('INQUIRY', 'form-old', clock.now),
      step: 'category' as const,
      trail: ['question' as const],
    }
    const before = { ...saved, draft: { facts: '预付卡商家跑路了怎么办？' } }
    const atReview = apply(before, choice('PREPAID_STORED_VALUE'))
    expect(confirmForm(atReview, 'zh-CN')).toEqual({ status: 'incomplete', step: 'location' })
  })
})
