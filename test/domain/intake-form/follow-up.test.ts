import { describe, expect, it } from 'vitest'
import { goBack } from '../../../src/domain/intake-form/engine.ts'
import { startFollowUpComplaint } from '../../../src/domain/intake-form/form-state.ts'

const previous = {
  complaintId: '0193a1b2-0000-7000-8000-000000000001',
  respondentName: '好又多超市',
  respondentAddress: '诗书路1号',
}

describe('a new complaint about a closed one', () => {
  it('starts after the business questions, linked to the closed complaint, and Back still reaches them', () => {
    const form = startFollowUpComplaint('form-1', { ...previous, location: { type: 'area', areaCode: '511402001001' } })
    expect(form).toMatchObject({
      kind: 'COMPLAINT',
      step: 'category',
      trail: ['businessName', 'location', 'businessAddress'],
      draft: {
        respondentName: '好又多超市',
        respondentAddress: '诗书路1号',
        location: { type: 'area', areaCode: '511402001001' },
        previousComplaintId: previous.complaintId,
      },
    })
    expect(goBack(form)?.step).toBe('businessAddress')
  })

  it('asks where the business is when the closed complaint had no place', () => {
    const form = startFollowUpComplaint('form-2', { ...previous, location: null })
    expect(form.step).toBe('location')
    expect(form.draft).not.toHaveProperty('location')
  })
})
