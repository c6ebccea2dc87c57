# syntax=docker/dockerfile:1
# Production image: production dependencies only, runs as the unprivileged `node` user,
# applies pending migrations before it starts (ROLE decides bot, worker or both).

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM deps AS client
COPY prisma ./prisma
RUN npx prisma generate --config prisma/prisma.config.ts

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY prisma ./prisma
COPY locales ./locales
COPY src ./src
COPY --from=client /app/src/generated ./src/generated
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "npm run db:deploy && exec node --import tsx src/main.ts"]
