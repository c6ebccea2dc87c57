# syntax=docker/dockerfile:1
# Production image: production dependencies only, runs as the unprivileged `node` user. One image for every
# process: ROLE decides bot, worker or both; `npm run db:deploy` applies pending migrations (docker-compose.yml
# runs it once, in the `migrate` service, before the bot and the worker start); `src/admin/cli.ts` is the admin
# command line.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: Prisma's would download native engines, which nothing here uses (prisma/schema-engine.mjs
# runs the WASM schema engine; the client runs over node-postgres).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM deps AS client
COPY prisma ./prisma
RUN npx prisma generate --config prisma/prisma.config.ts

FROM node:20-bookworm-slim AS runtime
# The CJK font the statistics charts are drawn with (src/services/statistics/charts.ts).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# Prisma's CLI would otherwise call home on every migrate.
ENV CHECKPOINT_DISABLE=1
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
# schema, migrations, prisma.config.ts, the schema engine (schema-engine.mjs, kept executable) and the demo directory
COPY prisma ./prisma
# Prisma spawns it as a program: executable even from a checkout that lost the mode (Windows).
COPY --chmod=755 prisma/schema-engine.mjs ./prisma/schema-engine.mjs
COPY locales ./locales
COPY src ./src
COPY --from=client /app/src/generated ./src/generated
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
