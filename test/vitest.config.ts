import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import { SlowFilesFirst } from './support/slow-files-first.ts'

const root = fileURLToPath(new URL('..', import.meta.url))

export default defineConfig({
  test: {
    root,
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/per-file.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    // Files share their worker process and its module cache: every file imported the app anew, ~2 s each (204 s of
    // a 670 s run); per-file.ts resets the little module state there is. Each file still has its own database,
    // Redis prefix and fake Bot API.
    isolate: false,
    sequence: { sequencer: SlowFilesFirst },
    // `npm test` measures coverage (v8) and fails under the thresholds below. Only this process is measured: the
    // bot and worker processes the process-tier tests spawn are not, so what matters must also run in process.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      // The demo page runs in Chromium, not in Node: test/simulator/demo.test.ts drives it with playwright-core.
      exclude: ['src/generated/**', 'src/simulator/page/**'],
      reporter: ['text-summary', 'json-summary'],
      reportOnFailure: true,
      thresholds: { lines: 80, branches: 70 },
    },
  },
})
