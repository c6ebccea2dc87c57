// Answering the complaint form as a consumer does, for the engine's tests.
import {
  answerStep,
  type FormAnswer,
  type FormState,
  goBack,
  startForm,
} from '../../../src/domain/intake-form/index.ts'

export const clock = { today: '2026-11-28', now: new Date('2026-11-28T04:00:00Z') }
export const text = (value: string): FormAnswer => ({ type: 'text', text: value })
export const choice = (value: string): FormAnswer => ({ type: 'choice', value })
export const photo = (id: string, sizeBytes = 100_000): FormAnswer => ({
  type: 'file',
  file: { kind: 'PHOTO', fileId: `f-${id}`, fileUniqueId: id, sizeBytes },
})

export function apply(state: FormState, ...answers: FormAnswer[]): FormState {
  let current = state
  for (const answer of answers) {
    const result = answerStep(current, answer, clock)
    if (result.status !== 'ok')
      throw new Error(`answer ${JSON.stringify(answer)} at ${current.step} refused: ${JSON.stringify(result.error)}`)
    current = result.state
  }
  return current
}

export function refusal(state: FormState, answer: FormAnswer) {
  const result = answerStep(state, answer, clock)
  if (result.status !== 'refused') throw new Error(`expected a refusal at ${state.step}`)
  return result.error
}

export const complaint = () => startForm('COMPLAINT', 'form-1', clock.now)

/** A complaint answered up to the review card. */
export function completeComplaint(): FormState {
  return apply(
    complaint(),
    text('好又多超市'),
    { type: 'location', location: { type: 'area', areaCode: '511402001001' } },
    text('东坡区诗书路1号'),
    choice('FOOD_PACKAGED'),
    choice('yes'),
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
    text('东坡区苏祠路8号2单元301'),
    choice('RESIDENT_ID'),
    text('511402199001011235'),
  )
}

/** The complete complaint, back at a step of the trail. */
export function backTo(step: string): FormState {
  let state = completeComplaint()
  while (state.step !== step) state = goBack(state)!
  return state
}
