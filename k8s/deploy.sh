#!/usr/bin/env bash
# Renders an overlay with the image set to one immutable reference, applies it server-side and
# waits for every Deployment to roll out. CI's manual deploy job runs it
# (.github/workflows/ci.yml); it works the same from a workstation with kubectl.
#   k8s/deploy.sh dev ghcr.io/acme/taskwire:sha-<commit>            # current kubectl context
#   k8s/deploy.sh --dry-run dev ghcr.io/acme/taskwire:sha-<commit>  # print the manifests only
# Needs kubectl with kustomize v5 (k8s/ci-install.sh) and a current schema/supergraph.graphql.
set -euo pipefail
usage='usage: k8s/deploy.sh [--dry-run] <overlay> <registry/name:tag>'
dry_run=false
if [ "${1:-}" = --dry-run ]; then dry_run=true; shift; fi
overlay="${1:?$usage}"
image="${2:?$usage}"
# A tag that moves (latest, dev, a branch name) would make a rollback redeploy something else.
case "${image##*/}" in
  *@sha256:*) ;;
  *:latest | *:dev | *:main) echo "k8s/deploy.sh: refusing the mutable tag of $image" >&2; exit 2 ;;
  *:*) ;;
  *) echo "k8s/deploy.sh: $image has neither a tag nor a digest; $usage" >&2; exit 2 ;;
esac

k8s_dir="$(cd "$(dirname "$0")" && pwd)"
overlay_dir="$k8s_dir/overlays/$overlay"
[ -f "$overlay_dir/kustomization.yaml" ] || { echo "k8s/deploy.sh: no overlay $overlay" >&2; exit 2; }
# The overlay already renamed the base's `taskwire` image; the override matches its newName.
current="$(sed -n 's/^ *newName: *//p' "$overlay_dir/kustomization.yaml" | head -1)"
[ -n "$current" ] || { echo "k8s/deploy.sh: $overlay sets no images[].newName" >&2; exit 2; }

# Kustomize takes only relative resource paths: the wrapper lives beside the overlays for the run.
work="$(mktemp -d "$k8s_dir/.deploy.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cat >"$work/kustomization.yaml" <<YAML
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../overlays/$overlay
images:
  - name: $current
    newName: ${image%:*}
    newTag: ${image##*:}
YAML
if [[ "$image" == *@sha256:* ]]; then
  printf 'images:\n  - name: %s\n    newName: %s\n    digest: %s\n' "$current" "${image%@*}" "${image#*@}" \
    >"$work/images.yaml"
  sed -i '/^images:/,$d' "$work/kustomization.yaml"
  cat "$work/images.yaml" >>"$work/kustomization.yaml"
fi
kubectl kustomize --load-restrictor=LoadRestrictionsNone "$work" >"$work/manifests.yaml"

# Every container must now run exactly $image: anything else means the override missed.
others="$(sed -n 's/^ *image: *//p' "$work/manifests.yaml" | sort -u | grep -vxF "$image" || true)"
if [ -n "$others" ]; then
  echo "k8s/deploy.sh: rendered images other than $image:" >&2
  echo "$others" >&2
  exit 1
fi

if $dry_run; then
  cat "$work/manifests.yaml"
  exit 0
fi
namespace="$(sed -n 's/^namespace: *//p' "$overlay_dir/kustomization.yaml" | head -1)"
kubectl apply --server-side --force-conflicts -f "$work/manifests.yaml"
for d in $(kubectl -n "$namespace" get deployments -l app.kubernetes.io/part-of=taskwire -o name); do
  kubectl -n "$namespace" rollout status "$d" --timeout=10m
done
