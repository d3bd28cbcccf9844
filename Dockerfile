# syntax=docker/dockerfile:1
# One image definition for all five hub services; the APP build arg picks the
# one the container runs (gateway, audience, scheduling, campaigns, delivery).
# Every stage before the last is identical for all of them, so Docker builds
# the shared layers once.

# ---- build: full dependency tree, compile all apps
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- production dependencies only, in a stage of their own so the compile
# toolchain (TypeScript, swc, Jest...) never reaches the runtime image
FROM node:20-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime
FROM node:20-bookworm-slim AS runtime
ARG APP
ENV APP=${APP} \
    NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
USER node
# sh so $APP expands; exec so node is PID 1 and receives SIGTERM directly.
CMD ["sh", "-c", "exec node \"dist/apps/${APP:?build with --build-arg APP=<service>}/src/main.js\""]
