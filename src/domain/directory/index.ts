export * from './area-codes.ts'
export * from './area-levels.ts'
