#!/bin/bash
# The ZIM cached-call benchmark: io.burrow.mcp.zim.tools.ZimCacheBench (test sources of mcp-zim) through the
# in-process MCP server over piped stdio, on the Python docs archive. For each cached tool call (zim_search in every
# mode, zim_get, zim_get_section, zim_browse, zim_links, zim_metadata) it prints the median of repeated calls
# (answered from the result cache) against a tool returning the same payload from memory (line 1b, goal <= 1.2) and
# against a no-op tool (line 1).
#
# Usage: scripts/bench-zim-cache.sh [FILE.zim] [JAVA OPTIONS…]   (-Dbench.calls=N, -Dbench.warmUpSeconds=S)
# Without FILE, builds mcp-zim/target/zim-docs/python3.11-doc.zim (scripts/zim/make-zim-docs.sh; needs the peers of
# scripts/ci/install-zim.sh). Add MVN_OFFLINE=-o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=""
if [ $# -gt 0 ] && [[ "$1" == *.zim ]]; then FILE=$1; shift; fi
if [ -z "$FILE" ]; then
  FILE=$(bash scripts/zim/make-zim-docs.sh mcp-zim/target/zim-docs | tail -1)
fi
cp_file=mcp-zim/target/bench-classpath.txt
mvn -B -q ${MVN_OFFLINE:-} -pl mcp-zim -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$cp_file" >/dev/null
exec java -Xms256m -Xmx512m "$@" \
  -cp "mcp-zim/target/test-classes:mcp-zim/target/classes:mcp-core/target/classes:mcp-testkit/target/classes:$(cat "$cp_file")" \
  io.burrow.mcp.zim.tools.ZimCacheBench "$FILE"
