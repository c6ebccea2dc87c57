/** The intake form: steps as data, and a pure engine that moves a form through them. */
export * from './answers.ts'
export * from './draft.ts'
export * from './engine.ts'
export * from './form-errors.ts'
export * from './form-state.ts'
export * from './steps.ts'
