/** `npm run admin -- <command>`: see `npm run admin -- --help`. */
import { existsSync } from 'node:fs'
import { runAdmin } from './run-admin.ts'

// Variables already in the environment win over .env.
if (existsSync('.env')) process.loadEnvFile('.env')

process.exitCode = await runAdmin(process.argv.slice(2), {
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
})
