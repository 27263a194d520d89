# The sandbox as a container: compiled in a build stage that has the dev dependencies, run from
# dist/ with production dependencies only, as an unprivileged user.
#   docker build -t firstvision-sandbox .
#   docker run --rm -p 8080:8080 -v sandbox-data:/data firstvision-sandbox

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# Without install scripts: the dependencies' ones (esbuild's binary check, a telemetry ping) serve no run.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time beside dist/: the contract, the tenants and organizations, the PostgreSQL
# migrations (applied at start when DATABASE_URL is set), the Postman files.
COPY openapi.yaml ./
COPY fixtures ./fixtures
COPY migrations ./migrations
COPY postman ./postman
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# The slim image has no curl; node itself asks /health. It reads PORT, so change the port with
# -e PORT=…, not with --port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/cli/main.js"]
