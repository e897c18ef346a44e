# syntax=docker/dockerfile:1
# One image for every Taskwire process; the argument picks the process:
#   docker run IMAGE gateway | accounts | tasks | planning | audit | scheduler |
#                    audit-writer | recurrence | planning-sync | notifier | migrate <subgraph>
# Build:  docker build -t registry.example.com/taskwire:$(git rev-parse --short HEAD) .
ARG NODE_IMAGE=node:22-slim

# ---- build: npm ci, web build, prune (bin/build-image-fs.sh, also exercised by k8s/test) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
RUN bash bin/build-image-fs.sh

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    BIND_HOST=0.0.0.0 \
    NODE_OPTIONS=--enable-source-maps \
    TSX_DISABLE_CACHE=1
WORKDIR /app
# Files stay owned by root and are read-only for the service user (uid 1000 = "node").
COPY --from=build /app /app
USER 1000:1000
EXPOSE 4000
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/taskwire.mjs"]
CMD ["gateway"]
