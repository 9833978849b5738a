#!/usr/bin/env bash
# Installs the MCP bundle CLI (@anthropic-ai/mcpb, pinned by tools/mcpb/package-lock.json) into
# tools/mcpb/node_modules with `npm ci`, idempotently. Use it as tools/mcpb/node_modules/.bin/mcpb.
# Needs node and npm (Node >= 18) and the npm registry.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="$root/tools/mcpb"
command -v npm >/dev/null || { echo "install-mcpb: npm is not on PATH (apt-get install nodejs npm)" >&2; exit 1; }
stamp="$dir/node_modules/.burrow-lock.sha256"
want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$dir/node_modules/.bin/mcpb" ]]; then
  echo "install-mcpb: tools/mcpb is up to date ($("$dir/node_modules/.bin/mcpb" --version))"
  exit 0
fi
echo "install-mcpb: npm ci in tools/mcpb"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
echo "$want" > "$stamp"
echo "install-mcpb: mcpb $("$dir/node_modules/.bin/mcpb" --version)"
