#!/usr/bin/env bash
# Builds and tests the downstream example projects under examples/ as a user's project would be built: against
# the Burrow artifacts installed in the local Maven repository through mcp-bom (not as modules of this build).
# Usage: scripts/examples.sh [--no-install]   (--no-install: the artifacts are installed already)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--no-install" ]; then
  mvn -B -q install -DskipTests
fi
for pom in examples/*/pom.xml; do
  echo "== ${pom%/pom.xml}"
  mvn -B -f "$pom" verify
done
