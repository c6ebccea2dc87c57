import { execFile } from 'node:child_process'
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { adminQuery, databaseUrl } from './support/postgres-admin.ts'

// There is no Docker engine on the test machines: these tests read the Dockerfile, docker-compose.yml and
// .dockerignore as Docker would, and run the migrate service's command on a copy of what the image contains.
const root = fileURLToPath(new URL('..', import.meta.url))
const read = (path: string) => readFileSync(join(root, path), 'utf8')

interface ComposeService {
  build?: string
  image?: string
  command?: string[]
  entrypoint?: string[]
  environment?: Record<string, string>
  depends_on?: Record<string, { condition: string }>
  restart?: string
  profiles?: string[]
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> }
const services = compose.services
const appServices = Object.entries(services).filter(([, service]) => service.build !== undefined)

/** The Dockerfile's stages, each as its instructions (continuation lines joined). */
function dockerStages(): Array<{ name: string; lines: string[] }> {
  const stages: Array<{ name: string; lines: string[] }> = []
  for (const line of read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((text) => text.trim())) {
    if (line === '' || line.startsWith('#')) continue
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line)
    if (from) stages.push({ name: from[1] ?? '', lines: [] })
    else stages.at(-1)?.lines.push(line)
  }
  return stages
}

/** Whether .dockerignore leaves `path` (relative to the project) out of the build context; later lines win. */
function ignoredByDocker(path: string): boolean {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  let ignored = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    const glob = negated ? pattern.slice(1) : pattern
    const regex = new RegExp(
      `^${glob
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}(/.*)?$`,
    )
    if (regex.test(path)) ignored = !negated
  }
  return ignored
}

describe('.dockerignore', () => {
  it('keeps secrets, the host node_modules and the git history out of the build context', () => {
    for (const path of [
      'node_modules',
      'node_modules/pg/package.json',
      '.env',
      '.env.production',
      '.git',
      '.git/HEAD',
      'src/generated/prisma/client.ts',
    ]) {
      expect(ignoredByDocker(path), path).toBe(true)
    }
  })

  it('keeps everything the image copies', () => {
    for (const path of [
      'package.json',
      'package-lock.json',
      'prisma/schema.prisma',
      'prisma/prisma.config.ts',
      'prisma/schema-engine.mjs',
      'prisma/migrations/migration_lock.toml',
      'prisma/seed/meishan.json',
      'locales/en/access.json',
      'src/main.ts',
      'src/admin/cli.ts',
      'tsconfig.json',
      'src/tsconfig.build.json',
    ]) {
      expect(ignoredByDocker(path), path).toBe(false)
    }
  })
})

describe('docker-compose.yml', () => {
  it('migrates once, in a one-shot service, after PostgreSQL is healthy', () => {
    const migrate = services.migrate
    expect(migrate?.command).toEqual(['npm', 'run', 'db:deploy'])
    expect(migrate?.depends_on?.postgres).toEqual({ condition: 'service_healthy' })
    expect(migrate?.restart).toBe('no')
    const migrating = Object.entries(services).filter(([, service]) =>
      JSON.stringify([service.command, service.entrypoint]).includes('db:deploy'),
    )
    expect(migrating.map(([name]) => name)).toEqual(['migrate'])
  })

  it('starts the bot and the worker only after the migration succeeded, and they do not migrate themselves', () => {
    for (const name of ['bot', 'worker']) {
      const service = services[name]
      expect(service?.depends_on?.migrate, name).toEqual({ condition: 'service_completed_successfully' })
      expect(service?.command, name).toBeUndefined()
    }
    const runtime = dockerStages().at(-1)!
    const cmd = runtime.lines.find((line) => line.startsWith('CMD'))
    // node dist/main.js, with only V8 heap flags in between (measured in docs/performance.md, "Memory")
    expect(cmd).toMatch(/^CMD \["node", (?:"--[a-z-]+=\d+", )*"dist\/main\.js"\]$/)
    expect(services.bot?.environment?.ROLE).toBe('bot')
    expect(services.worker?.environment?.ROLE).toBe('worker')
  })

  it('runs every process of one image against one database', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['admin', 'bot', 'migrate', 'worker'])
    expect(new Set(appServices.map(([, service]) => service.image))).toEqual(new Set(['grid-12315-bot']))
    expect(new Set(appServices.map(([, service]) => service.environment?.DATABASE_URL))).toEqual(
      new Set(['postgresql://grid:grid@postgres:5432/grid12315']),
    )
  })

  it('offers the admin command line on demand, as the host user, after the migration', () => {
    const admin = services.admin
    expect(admin?.profiles).toEqual(['admin'])
    expect(admin?.entrypoint).toEqual(['node', 'dist/admin/cli.js'])
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's own ${VAR:-default} syntax, not a template
    expect(admin?.environment?.USER).toBe('${USER:-operator}')
    expect(admin?.depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' })
  })
})

describe('the image', () => {
  const created: string[] = []
  afterAll(async () => {
    for (const dir of created) rmSync(dir, { recursive: true, force: true })
    await adminQuery(`DROP DATABASE IF EXISTS "${emptyDatabase}" WITH (FORCE)`)
  })
  const emptyDatabase = `grid_image_${process.pid}_${Date.now().toString(36)}`

  it('runs the compiled build on the current Node LTS, built in a stage of its own', () => {
    const nodeImage = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(read('Dockerfile'))
    expect(Number(nodeImage?.[1])).toBeGreaterThanOrEqual(26)
    expect(dockerStages().map((stage) => stage.name)).toEqual(['deps', 'build', 'runtime'])
    expect(stageLines('build')).toContain('RUN npm run db:generate && npm run build')
    expect(stageLines('runtime')).toContain('COPY --from=build /app/dist ./dist')
    expect(stageLines('runtime').some((line) => line.startsWith('COPY src'))).toBe(false)
  })

  it("migrates with Prisma's stock schema engine, fetched at build time, and installs what that needs", () => {
    const install = stageLines('deps').find((line) => line.startsWith('RUN npm ci'))
    expect(install).toContain('--omit=dev')
    expect(install).toContain('node node_modules/@prisma/engines/scripts/postinstall.js')
    expect(stageLines('runtime')).toContain('ENV PRISMA_NATIVE_SCHEMA_ENGINE=1')
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> }
    for (const name of ['prisma', '@prisma/client', '@prisma/adapter-pg', 'pg'])
      expect(dependencies, name).toHaveProperty([name])
    // The offline stand-in and tsx are for development and CI only.
    for (const name of ['tsx', '@prisma/schema-engine-wasm']) expect(dependencies, name).not.toHaveProperty([name])
  })

  it('starts from dist/ with only the files the image holds: the bot checks its configuration, the admin CLI helps', async () => {
    const image = mkdtempSync(join(tmpdir(), 'grid-dist-'))
    created.push(image)
    // The Dockerfile's `npm run build`, step by step, into the copy instead of the project's dist/ (whose demo page
    // test/simulator/demo.test.ts may be serving at the same time). Types are checked by `npm run typecheck` (same
    // compiler options over the same files), so the compiler only emits here: 13 s instead of 29 s.
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> }
    expect(scripts.build).toBe('npm run build:demo && tsc -p src/tsconfig.build.json')
    expect(scripts['build:demo']).toBe('vite build --config src/simulator/page/vite.config.ts')
    const bin = (name: string) => join(root, 'node_modules/.bin', name)
    const page = await run(
      bin('vite'),
      ['build', '--config', 'src/simulator/page/vite.config.ts', '--outDir', join(image, 'dist/demo-page')],
      root,
      process.env,
    )
    expect(page.code, page.output).toBe(0)
    expect(existsSync(join(image, 'dist/demo-page/index.html'))).toBe(true)
    const build = await run(
      bin('tsc'),
      ['-p', 'src/tsconfig.build.json', '--noCheck', '--outDir', join(image, 'dist')],
      root,
      process.env,
    )
    expect(build.code, build.output).toBe(0)
    cpSync(join(root, 'package.json'), join(image, 'package.json'))
    cpSync(join(root, 'locales'), join(image, 'locales'), { recursive: true })
    symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'))
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production' }
    // Every module loads before the configuration is read: exit 1 naming the missing variables proves the build runs.
    const bot = await run('node', ['dist/main.js'], image, env)
    expect(bot.code, bot.output).toBe(1)
    expect(bot.output).toContain('BOT_TOKEN is required')
    const admin = await run('node', ['dist/admin/cli.js', '--help'], image, env)
    expect(admin.code, admin.output).toBe(0)
    expect(admin.output).toContain('Usage: npm run admin -- <command>')
  }, 180_000)

  it('applies every migration, twice without harm, with only the files the runtime stage copies', async () => {
    const image = mkdtempSync(join(tmpdir(), 'grid-image-'))
    created.push(image)
    for (const line of stageLines('runtime')) {
      const copy = /^COPY\s+(?:--chmod=\S+\s+)?(\S+)\s+(\S+)$/.exec(line)
      if (!copy) continue
      const [, source, target] = copy as unknown as [string, string, string]
      const destination = join(image, target === './' ? source : target)
      cpSync(join(root, source), destination, {
        recursive: true,
        filter: (path) => !ignoredByDocker(relative(root, path)),
      })
    }
    // The two COPY --from lines: production node_modules (here: the project's) and the generated client.
    symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'))
    expect(existsSync(join(image, 'prisma/migrations'))).toBe(true)
    accessSync(join(image, 'prisma/schema-engine.mjs'), constants.X_OK)

    await adminQuery(`CREATE DATABASE "${emptyDatabase}"`)
    const [command, ...args] = services.migrate!.command!
    // The stock engine cannot be downloaded on the test machines: the migration runs with the development stand-in
    // (prisma/schema-engine.mjs), which speaks the same protocol; the image sets PRISMA_NATIVE_SCHEMA_ENGINE=1.
    const { PRISMA_NATIVE_SCHEMA_ENGINE: _native, ...env } = process.env
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await run(command!, args, image, { ...env, DATABASE_URL: databaseUrl(emptyDatabase) })
      expect(result.code, result.output).toBe(0)
    }
    const client = new pg.Client({ connectionString: databaseUrl(emptyDatabase) })
    await client.connect()
    try {
      const { rows } = await client.query<{ migration_name: string }>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      )
      const folders = readdirSync(join(root, 'prisma/migrations'))
        .filter((name) => statSync(join(root, 'prisma/migrations', name)).isDirectory())
        .sort()
      expect(rows.map((row) => row.migration_name)).toEqual(folders)
    } finally {
      await client.end()
    }
  })
})

function run(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr })
    })
  })
}

function stageLines(name: string): string[] {
  const stage = dockerStages().find((candidate) => candidate.name === name)
  if (!stage) throw new Error(`no stage ${name} in the Dockerfile`)
  return stage.lines
}
