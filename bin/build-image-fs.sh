#!/usr/bin/env bash
# The image's build steps, in one place: the Dockerfile's build stage runs exactly this script,
# and k8s/test/image-build.int.test.ts runs it in a temporary copy of the repository.
#   1. npm ci (all workspaces, dev dependencies included: the web build needs them)
#   2. build the web app (vite) into web/dist
#   3. prune dev dependencies, keeping the TypeScript runner (tsx) and what it needs at run time
# Run from the repository root (the image's /app).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "[build-image-fs] npm ci"
npm ci --no-audit --no-fund --loglevel=error

if [ -f web/index.html ]; then
  echo "[build-image-fs] npm run build -w web"
  npm run build -w web
else
  # The web app has no entry (web/index.html) yet. Once it exists, a failing build fails the image.
  echo "[build-image-fs] WARNING: web/index.html not found; skipping the web build (gateway serves no UI)" >&2
fi

echo "[build-image-fs] prune dev dependencies (keeping tsx)"
keep="$(mktemp -d)"
node bin/runtime-dev-deps.mjs save "$keep"
npm prune --omit=dev --no-audit --no-fund --loglevel=error
node bin/runtime-dev-deps.mjs restore "$keep"
rm -rf "$keep"
npm cache clean --force --loglevel=error 2>/dev/null || true
echo "[build-image-fs] done"
