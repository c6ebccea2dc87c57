import { fileURLToPath } from 'node:url'
import { defineConfig } from 'prisma/config'

// Prisma's native schema engine cannot be downloaded everywhere; prisma/schema-engine.mjs speaks the
// same protocol over the WASM engine. PRISMA_NATIVE_SCHEMA_ENGINE=1 goes back to the stock binary.
// Prisma 7 does not read .env itself; variables already set in the environment win.
try {
  process.loadEnvFile()
} catch {
  // no .env: the environment is all there is
}

if (!process.env.PRISMA_NATIVE_SCHEMA_ENGINE) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(new URL('./schema-engine.mjs', import.meta.url))
}

export default defineConfig({
  schema: fileURLToPath(new URL('./schema.prisma', import.meta.url)),
  migrations: {
    path: fileURLToPath(new URL('./migrations', import.meta.url)),
    seed: 'tsx prisma/seed.ts',
  },
  // Not env('DATABASE_URL'): that throws when unset and would break `prisma generate` without a database.
  datasource: { url: process.env.DATABASE_URL },
})
