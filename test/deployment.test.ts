import { execFile } from 'node:child_process'
import { accessSync, constants, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs'
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
  for (const line of read('Dockerfile').replace(/\\\n/g, ' ').split('\n').map((text) => text.trim())) {
    if (line === '' || line.startsWith('#')) continue
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line)
    if (from) stages.push({ name: from[1] ?? '', lines: [] })
    else stages.at(-1)?.lines.push(line)
  }
  return stages
}

/** Whether .dockerignore leaves `path` (relative to the project) out of the build context; later lines win. */
function ignoredByDocker(path: string): boolean {
  const patterns = read('.dockerignore').split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'))
  let ignored = false
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!')
    const glob = negated ? pattern.slice(1) : pattern
    const regex = new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(/.*)?$`)
    if (regex.test(path)) ignored = !negated
  }
  return ignored
}

describe('.dockerignore', () => {
  it('keeps secrets, the host node_modules and the git history out of the build context', () => {
    for (const path of ['node_modules', 'node_modules/pg/package.json', '.env', '.env.production', '.git', '.git/HEAD', 'src/generated/prisma/client.ts']) {
      expect(ignoredByDocker(path), path).toBe(true)
    }
  })

  it('keeps everything the image copies', () => {
    for (const path of ['package.json', 'package-lock.json', 'prisma/schema.prisma', 'prisma/prisma.config.ts', 'prisma/schema-engine.mjs',
      'prisma/migrations/migration_lock.toml', 'prisma/seed/meishan.json', 'locales/en/access.json', 'src/main.ts', 'src/admin/cli.ts']) {
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
    const migrating = Object.entries(services).filter(([, service]) => JSON.stringify([service.command, service.entrypoint]).includes('db:deploy'))
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
    expect(cmd).toBe('CMD ["node", "--import", "tsx", "src/main.ts"]')
    expect(services.bot?.environment?.ROLE).toBe('bot')
    expect(services.worker?.environment?.ROLE).toBe('worker')
  })

  it('runs every process of one image against one database', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(['admin', 'bot', 'migrate', 'worker'])
    expect(new Set(appServices.map(([, service]) => service.image))).toEqual(new Set(['grid-12315-bot']))
    expect(new Set(appServices.map(([, service]) => service.environment?.DATABASE_URL))).toEqual(new Set(['postgresql://grid:grid@postgres:5432/grid12315']))
  })

  it('offers the admin command line on demand, as the host user, after the migration', () => {
    const admin = services.admin
    expect(admin?.profiles).toEqual(['admin'])
    expect(admin?.entrypoint).toEqual(['node', '--import', 'tsx', 'src/admin/cli.ts'])
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

  it('installs what the migrate service needs as production dependencies', () => {
    const deps = stageLines('deps')
    expect(deps.find((line) => line.startsWith('RUN npm ci'))).toContain('--omit=dev')
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> }
    for (const name of ['prisma', '@prisma/schema-engine-wasm', '@prisma/driver-adapter-utils', '@prisma/adapter-pg', 'pg', 'tsx']) {
      expect(dependencies, name).toHaveProperty([name])
    }
  })

  it('applies every migration, twice without harm, with only the files the runtime stage copies', async () => {
    const image = mkdtempSync(join(tmpdir(), 'grid-image-'))
    created.push(image)
    for (const line of stageLines('runtime')) {
      const copy = /^COPY\s+(?:--chmod=\S+\s+)?(\S+)\s+(\S+)$/.exec(line)
      if (!copy) continue
      const [, source, target] = copy as unknown as [string, string, string]
      const destination = join(image, target === './' ? source : target)
      cpSync(join(root, source), destination, { recursive: true, filter: (path) => !ignoredByDocker(relative(root, path)) })
    }
    // The two COPY --from lines: production node_modules (here: the project's) and the generated client.
    symlinkSync(join(root, 'node_modules'), join(image, 'node_modules'))
    expect(existsSync(join(image, 'prisma/migrations'))).toBe(true)
    accessSync(join(image, 'prisma/schema-engine.mjs'), constants.X_OK)

    await adminQuery(`CREATE DATABASE "${emptyDatabase}"`)
    const [command, ...args] = services.migrate!.command!
    for (let run = 0; run < 2; run += 1) {
      const result = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(command!, args, { cwd: image, env: { ...process.env, DATABASE_URL: databaseUrl(emptyDatabase) } }, (error, stdout, stderr) => {
          resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr })
        })
      })
      expect(result.code, result.output).toBe(0)
    }
    const client = new pg.Client({ connectionString: databaseUrl(emptyDatabase) })
    await client.connect()
    try {
      const { rows } = await client.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name')
      const folders = readdirSync(join(root, 'prisma/migrations')).filter((name) => statSync(join(root, 'prisma/migrations', name)).isDirectory()).sort()
      expect(rows.map((row) => row.migration_name)).toEqual(folders)
    } finally {
      await client.end()
    }
  })
})

function stageLines(name: string): string[] {
  const stage = dockerStages().find((candidate) => candidate.name === name)
  if (!stage) throw new Error(`no stage ${name} in the Dockerfile`)
  return stage.lines
}
