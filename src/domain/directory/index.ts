export * from './area-levels.ts'
export * from './area-codes.ts'
