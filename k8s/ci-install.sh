#!/usr/bin/env bash
# Installs what the k8s tests need on a fresh Debian machine: kubectl with kustomize v5
# (`kubectl kustomize --load-restrictor`). Idempotent and quiet; run as root (CI is).
#   - k8s/test/*.test.ts need kubectl (the npm packages ajv and yaml come from `npm ci`).
#   - k8s/test/image-build.int.test.ts needs npm registry access (npm ci) and the int-tier
#     infrastructure (test/global-setup.ts).
# Debian bookworm's own package (kubernetes-client 1.20) embeds kustomize v2, which cannot
# render these overlays; the machines here come with the `kubectl` package (v1.32, kustomize
# v5.5). If neither is usable this script fails loudly instead of letting the tests skip.
set -euo pipefail

kustomize_major() {
  kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p'
}

if command -v kubectl >/dev/null 2>&1 && [ "$(kustomize_major)" -ge 5 ] 2>/dev/null; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get install -y -qq kubectl >/dev/null
fi

if ! command -v kubectl >/dev/null 2>&1 || [ "$(kustomize_major)" -lt 5 ] 2>/dev/null; then
  echo "k8s/ci-install.sh: need kubectl with kustomize v5+ (have: $(kubectl version --client 2>&1 | tr '\n' ' ' || echo none))" >&2
  exit 1
fi
