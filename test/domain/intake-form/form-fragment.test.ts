import { describe, expect, it } from 'vitest'
import { formFragment } from '../../../src/domain/intake-form/form-state.ts'

describe('the form id fragment that buttons carry', () => {
  it('is the first eight characters of the id without its dashes', () => {
    expect(formFragment('0b9f4c2e-71aa-4d0c-9e3b-5f2a8c1d7e60')).toBe('0b9f4c2e')
    expect(formFragment('ab-cd-efgh-ijkl')).toBe('abcdefgh')
    expect(formFragment('abcdefghij')).toBe('abcdefgh')
    expect(formFragment('abc')).toBe('abc')
  })
})
