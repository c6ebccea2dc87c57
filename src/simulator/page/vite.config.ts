import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The demo page: plain TypeScript + Vite, built into dist/demo-page/ (gitignored) by `npm run demo` or `npm run build:demo`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../../dist/demo-page', import.meta.url)), emptyOutDir: true },
})
