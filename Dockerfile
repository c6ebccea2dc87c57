# syntax=docker/dockerfile:1
# Production image: the compiled build (dist/) on the current Node LTS, production dependencies only, run as the
# unprivileged `node` user. One image for every process: ROLE decides bot, worker or both; `npm run db:deploy`
# applies pending migrations with Prisma's stock schema engine (docker-compose.yml runs it once, in the `migrate`
# service, before the bot and the worker start); `node dist/admin/cli.js` is the admin command line.
# Node 26 is the Active LTS since 2026-10-28 (nodejs/Release schedule); the code is ES2023 and needs >= 20.19.
ARG NODE_IMAGE=node:26-bookworm-slim

FROM ${NODE_IMAGE} AS deps
# Prisma picks the schema engine build by the OpenSSL it finds, so it must find the one the runtime has.
RUN apt-get update -y && apt-get install -y --no-install-recommends openssl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts but one: Prisma's engines package downloads the native schema engine that `migrate deploy`
# runs here (the query side needs no engine: the client runs over node-postgres).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && node node_modules/@prisma/engines/scripts/postinstall.js

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY prisma ./prisma
COPY src ./src
# The offline schema-engine stand-in is enough for `generate`; the build compiles src/ (the generated client
# included) to dist/, with relative `.ts` imports rewritten to `.js`.
RUN npm run db:generate && npm run build

FROM ${NODE_IMAGE} AS runtime
# The CJK font the statistics charts are drawn with (src/services/statistics/charts.ts).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# glibc gives each thread that allocates (V8's GC helpers, libuv's pool) a malloc arena of its own; two arenas keep
# ~10 MiB of the bot's idle RSS that the others only fragment (`npm run bench -- memory`, docs/performance.md).
ENV MALLOC_ARENA_MAX=2
# Prisma's CLI would otherwise call home on every migrate.
ENV CHECKPOINT_DISABLE=1
# Migrations in the image use Prisma's stock schema engine (downloaded in `deps`), not the development stand-in.
ENV PRISMA_NATIVE_SCHEMA_ENGINE=1
# The native schema engine links against OpenSSL, which the slim image leaves out.
RUN apt-get update -y && apt-get install -y --no-install-recommends openssl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
# schema, migrations, prisma.config.ts and the demo directory
COPY prisma ./prisma
COPY locales ./locales
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# V8 heap settings, measured with `npm run bench -- memory` (docs/performance.md, "Memory"): a new space of 2 × 1 MiB
# (default up to 2 × 16 MiB) and the old generation allowed to grow to 1.5× what survived the last full GC (default
# up to 4×, when allocation is fast) keep the idle bot near 110 MiB and one with 10,000 open forms near 165 MiB
# instead of 330 MiB, for ~10–20 % more CPU per update. Not a cap: the heap still grows as far as the live data needs.
CMD ["node", "--max-semi-space-size=1", "--heap-growing-percent=50", "dist/main.js"]
