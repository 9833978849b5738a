#!/bin/bash
# Gopher benchmark: starts Gophernicus on a free 127.0.0.1 port (scripts/peers/gopher-server.sh) and prints
# (1) cached gopher_fetch vs a no-op tool through the in-process MCP server over stdio, and
# (2) an uncached fetch vs a plain blocking-socket fetch of the same selector.
# Usage: scripts/bench-gopher.sh [-Dbench.cachedCalls=20000 -Dbench.networkCalls=1000 -Dbench.sections=cached,uncached,fake]
# (2c) "fake" repeats the uncached comparison against an in-JVM FakeGopherServer to expose the client's own overhead.
# Needs scripts/ci/install-gopher.sh first. Add MVN_OFFLINE=-o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=mcp-protocol-gopher/target/bench-classpath.txt
# one reactor run: sibling modules resolve to their target/classes, nothing is installed into ~/.m2
mvn -B -q ${MVN_OFFLINE:-} -pl mcp-protocol-gopher -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
exec java -Xms256m -Xmx512m "$@" \
  -cp "mcp-protocol-gopher/target/test-classes:mcp-protocol-gopher/target/classes:mcp-core/target/classes:mcp-testkit/target/classes:$(cat "$cp_file")" \
  io.burrow.mcp.gopher.GopherBench
