export * from './clock-pause.ts'
export * from './clocks.ts'
export * from './deadline-notices.ts'
export * from './supervision.ts'
