import { describe, expect, it } from 'vitest'
import { FORM_STEPS, FORM_VERSION, STEPS, stepAfter } from '../../../src/domain/intake-form/index.ts'

describe('the step graph', () => {
  it('is the one FORM_VERSION describes (bump FORM_VERSION when a step is removed, renamed or moved; see form-state.ts)', () => {
    expect({ version: FORM_VERSION, steps: FORM_STEPS }).toEqual({
      version: 2,
      steps: {
        COMPLAINT: [
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
          'review',
        ],
        REPORT: [
          'businessName',
          'location',
          'businessAddress',
          'category',
          'violation',
          'evidence',
          'anonymous',
          'contactName',
          'contactPhone',
          'idType',
          'review',
        ],
        INQUIRY: ['question', 'location', 'category', 'review'],
      },
    })
  })

  it('ends every kind on the review card and continues a follow-up after the step it follows', () => {
    for (const steps of Object.values(FORM_STEPS)) expect(steps.at(-1)).toBe('review')
    expect(stepAfter('COMPLAINT', 'platformName')).toBe('businessAddress')
    expect(stepAfter('COMPLAINT', 'shopArea')).toBe('category')
    expect(stepAfter('COMPLAINT', 'notConsumer')).toBe('incidentDate')
    expect(stepAfter('COMPLAINT', 'idNumber')).toBe('review')
    expect(stepAfter('REPORT', 'anonymous', { anonymous: true })).toBe('review')
    expect(stepAfter('REPORT', 'anonymous', { anonymous: false })).toBe('contactName')
    expect(stepAfter('COMPLAINT', 'timeBarred')).toBe('amount')
    expect(stepAfter('COMPLAINT', 'demandOther')).toBe('evidence')
    for (const step of Object.values(STEPS))
      if (step.followUpOf) expect(STEPS[step.followUpOf].followUpOf).toBeUndefined()
  })
})
