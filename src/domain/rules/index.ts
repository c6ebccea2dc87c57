export * from './grounds.ts'
export * from './statutory-rules.ts'
export * from './statutory-deadlines.ts'
