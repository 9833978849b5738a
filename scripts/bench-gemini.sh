#!/usr/bin/env bash
# Gemini benchmark: starts a local Molly Brown on a free port (scripts/peers/gemini-server.sh), then in one JVM run
# measures (1) a cached gemini_fetch against a no-op tool through the same in-process MCP server, and
# (2) an uncached fetch with the Gemini client against a plain JSSE socket doing the same handshake and request.
# Usage: scripts/bench-gemini.sh [ROUNDS=3000] [TLS_ROUNDS=300]   Output: Markdown on stdout, also target/bench-gemini.md
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3000}; tls_rounds=${2:-300}
mvn -B -q -o -pl mcp-protocol-gemini -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export PEERS_RUN_DIR=$PWD/target/peers-bench
trap 'bash scripts/peers/gemini-server.sh stop "$port" >/dev/null 2>&1 || true' EXIT
bash scripts/peers/gemini-server.sh start "$port"
cp="mcp-protocol-gemini/target/test-classes:mcp-protocol-gemini/target/classes:mcp-core/target/classes:mcp-testkit/target/classes:$(cat mcp-protocol-gemini/target/bench.cp)"
mkdir -p target
java -Xms256m -Xmx256m -cp "$cp" io.burrow.mcp.gemini.bench.GeminiBenchmark "$port" "$rounds" "$tls_rounds" | tee target/bench-gemini.md
