/**
 * Layering rules, checked by `npm run lint:layers` (part of `npm run lint`). The picture:
 *   adapters (bot, http, simulator, admin, queue workers) → services → domain
 *   bot and services may speak Telegram through src/telegram; src/telegram speaks for nobody else.
 * docs/testing.md explains each rule; change a rule there and here together.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means two modules cannot be understood (or tested) apart. Move the shared piece down.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-type-only-circular',
      severity: 'warn',
      comment: 'Types that name each other are sometimes honest (a user and the group they are in); keep them few.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'src/domain imports nothing of ours outside src/domain: the rules must not know about storage or Telegram.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'domain-has-no-io',
      severity: 'error',
      comment: 'src/domain is pure: no Node built-ins (files, network, processes, timers from node:).',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'adapters-do-not-touch-the-database',
      severity: 'error',
      comment:
        'The bot and the simulator (its Bot API server and web page) reach storage only through services: never ' +
        'src/db or the Prisma client. The demo launcher (src/simulator/demo) sets up its own database and cast, ' +
        'as the admin command line and the seed do.',
      from: { path: '^src/(bot|simulator)/', pathNot: '^src/simulator/demo/' },
      to: { path: '^src/(db|generated)/' },
    },
    {
      name: 'services-do-not-import-adapters',
      severity: 'error',
      comment: 'Services are called by the adapters, never the other way round: no src/bot, src/http or src/simulator.',
      from: { path: '^src/services/' },
      to: { path: '^src/(bot|http|simulator|admin)/' },
    },
    {
      name: 'telegram-speaks-for-nobody',
      severity: 'error',
      comment: 'src/telegram (rendering, sending, callback data) is used by bot and services and imports neither.',
      from: { path: '^src/telegram/' },
      to: { path: '^src/(bot|services|http|simulator|admin|queue)/' },
    },
    {
      name: 'only-main-starts-adapters',
      severity: 'error',
      comment:
        'Adapters are started by main.ts; one adapter never imports another (the simulator drives the bot, so it may).',
      from: { path: '^src/(services|domain|db|telegram|queue|i18n|logging)/' },
      to: { path: '^src/(bot|http|simulator|admin)/' },
    },
    {
      name: 'src-does-not-import-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-does-not-import-dev-dependencies',
      severity: 'error',
      comment: 'The production image installs only dependencies (npm ci --omit=dev).',
      from: { path: '^src/', pathNot: '^src/generated/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'Every package we import is named in package.json.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^src/generated/', '^node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
}
