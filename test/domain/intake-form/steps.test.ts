import { describe, expect, it } from 'vitest'
import { FORM_STEPS, FORM_VERSION, STEPS, stepAfter } from '../../../src/domain/intake-form/index.ts'

describe('the step graph', () => {
  it('is the one FORM_VERSION describes (bump FORM_VERSION when the steps change, then update this list)', () => {
    expect({ version: FORM_VERSION, steps: FORM_STEPS }).toEqual({
      version: 1,
      steps: {
        COMPLAINT: ['businessName', 'businessAddress', 'location', 'category', 'incidentDate', 'amount', 'facts', 'demands', 'evidence', 'contactName', 'contactPhone', 'review'],
        REPORT: ['businessName', 'businessAddress', 'location', 'category', 'violation', 'evidence', 'anonymous', 'contactName', 'contactPhone', 'review'],
        INQUIRY: ['question', 'category', 'review'],
      },
    })
  })

  it('ends every kind on the review card and continues a follow-up after the step it follows', () => {
    for (const steps of Object.values(FORM_STEPS)) expect(steps.at(-1)).toBe('review')
    expect(stepAfter('COMPLAINT', 'platformName')).toBe('category')
    expect(stepAfter('COMPLAINT', 'timeBarred')).toBe('amount')
    expect(stepAfter('COMPLAINT', 'demandOther')).toBe('evidence')
    for (const step of Object.values(STEPS)) if (step.followUpOf) expect(STEPS[step.followUpOf].followUpOf).toBeUndefined()
  })
})
