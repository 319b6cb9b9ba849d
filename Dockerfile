# syntax=docker/dockerfile:1
# Multi-stage build of the Probot app on the current Node LTS (24), running as a non-root user.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/lib ./lib
COPY --chown=node:node package.json app.yml ./
COPY --chown=node:node schema ./schema
# The image's built-in unprivileged user.
USER node
EXPOSE 3000
# `npm start` = node lib/server.js: startup checks (one line per setup problem, see docs/install.md),
# then Probot, which reads APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST,
# GHE_PROTOCOL, LOG_LEVEL, REDIS_URL, WEBHOOK_PROXY_URL from the environment.
CMD ["npm", "start"]
