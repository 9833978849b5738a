#!/bin/bash
# Observability benchmark: a cached gopher_fetch (in-JVM FakeGopherServer) and a zim_search of
# fixtures/zim/peer-test-small.zim through in-process servers over stdio, metrics + tracing (exporting over
# OTLP/HTTP to a collector on 127.0.0.1) + MDC on against off; prints the ratio of the medians (goal <= 1.05).
# Usage: scripts/bench-observability.sh [-Dbench.calls=20000 -Dbench.segments=4 -Dbench.warmUpSeconds=5 -Dbench.parts=true]
# (the rounds are split into segments, each with freshly built servers; the medians pool every call)
# (bench.parts adds servers with only metrics, only tracing, only the MDC on, for information)
# Needs nothing installed beyond the build. Add MVN_OFFLINE=-o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
cp_file=mcp-server-http/target/bench-classpath.txt
# one reactor run: sibling modules resolve to their target/classes, nothing is installed into ~/.m2
mvn -B -q ${MVN_OFFLINE:-} -pl mcp-server-http -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
exec java -Xms256m -Xmx512m -Dbench.repoRoot="$PWD" "$@" \
  -cp "mcp-server-http/target/test-classes:mcp-server-http/target/classes:$(cat "$cp_file")" \
  io.burrow.mcp.server.http.ObservabilityBench
