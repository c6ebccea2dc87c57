export * from './clocks.ts'
export * from './clock-pause.ts'
export * from './deadline-notices.ts'
export * from './supervision.ts'
