# Build stage: compiles the Nest app and builds the better-sqlite3 native module.
FROM node:24-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

# Runtime stage: only the compiled app and production dependencies. Node 24 is the active LTS
# (Node 20 reached its end of life on 2026-04-30); the code also runs on 20 and 22.
FROM node:24-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
# The operator CLI on the PATH: docker compose exec ouvidoria-api ouvidoria token:mint ...
RUN ln -s /app/bin/ouvidoria.js /usr/local/bin/ouvidoria
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/apps/ouvidoria-api/apps/ouvidoria-api/src/main.js"]
