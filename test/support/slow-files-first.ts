import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/** A file that starts a process (the bot, a worker, the demo, Chromium, the compiler) takes 15–70 s. */
const STARTS_A_PROCESS = /\b(spawnBot|startBotUnderTest|spawn|execFile|launchChromium)\(/

/**
 * The order files start in. Vitest starts the files that took longest last time first, so that no long file
 * starts near the end while the other worker idles; without that record (a fresh checkout, as in CI, where
 * `npm ci` removes node_modules/.vite) it would go by file size, and a 70 s process test could start last. Then
 * the files that start a process go first.
 */
export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const root = this.ctx.config.root
    const known = (file: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(root, file.moduleId)}`) !== undefined
    if (sorted.every(known)) return sorted
    const startsAProcess = (file: TestSpecification) => STARTS_A_PROCESS.test(readFileSync(file.moduleId, 'utf8'))
    return [...sorted.filter(startsAProcess), ...sorted.filter((file) => !startsAProcess(file))]
  }
}
