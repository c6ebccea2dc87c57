/**
 * `npm run bench -- <name> [args…]`: runs bench/<name>.ts, which exports `main(args)`.
 * Each benchmark measures a bare baseline in the same run and prints both.
 */
const USAGE = 'usage: npm run bench -- <name> [args…]   (name = a file bench/<name>.ts, e.g. intake)'

interface Benchmark {
  main(args: string[]): Promise<void>
}

const [name, ...args] = process.argv.slice(2)
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error(USAGE)
  process.exit(2)
}
let benchmark: Benchmark
try {
  benchmark = (await import(`./${name}.ts`)) as Benchmark
} catch (error) {
  console.error(`no benchmark "${name}": ${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
  process.exit(2)
}
await benchmark.main(args)
process.exit(0)
