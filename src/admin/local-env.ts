/**
 * `npm run start:local` on a fresh machine: gives `.env` a random ID_ENCRYPTION_KEY when it has none, so that the
 * first run needs nothing but a bot token. Production keys are set by the operator (README, Deployment).
 */
import { randomBytes } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'

const EMPTY_KEY = /^ID_ENCRYPTION_KEY=[ \t]*$/m
const file = process.argv[2] ?? '.env'
const text = readFileSync(file, 'utf8')
if (EMPTY_KEY.test(text)) {
  writeFileSync(file, text.replace(EMPTY_KEY, `ID_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`))
  console.log(
    `${file}: generated a local ID_ENCRYPTION_KEY (keep it: numbers stored under it cannot be read without it)`,
  )
}
