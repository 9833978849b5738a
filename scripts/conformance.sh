#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, server scenarios,
# --suite active) against Burrow's conformance fixture served by the production HTTP stack.
# Installs what it needs (scripts/ci/install-node.sh), builds mcp-server-http, starts the fixture on a
# free loopback port, runs the suite with Node 22, stops the fixture, prints the result line and exits
# non-zero on any failure.
#
# Environment: MVN_ARGS (extra Maven arguments, e.g. -o), CONFORMANCE_SUITE (default: active),
# CONFORMANCE_OUT (results directory, default: target/conformance under mcp-server-http).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
suite="${CONFORMANCE_SUITE:-active}"
out="${CONFORMANCE_OUT:-$root/mcp-server-http/target/conformance}"

bash "$root/scripts/ci/install-node.sh"
node22_bin="$(bash "$root/scripts/ci/install-node.sh" --print-bin)"

echo "conformance.sh: building mcp-server-http"
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -pl mcp-server-http -am -DskipTests package

version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -1)"
jar="$root/mcp-server-http/target/mcp-server-http-$version.jar"
classes="$root/mcp-server-http/target/test-classes"
[[ -f "$jar" ]] || { echo "conformance.sh: $jar was not built" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
log="$out/fixture.log"
fifo_out="$out/fixture.out"
java -cp "$jar:$classes" io.burrow.mcp.server.http.conformance.ConformanceServer 0 >"$fifo_out" 2>"$log" &
fixture=$!
stop_fixture() {
  if kill -0 "$fixture" 2>/dev/null; then
    kill -TERM "$fixture" 2>/dev/null || true
    wait "$fixture" 2>/dev/null || true
  fi
}
trap stop_fixture EXIT

url=""
for _ in $(seq 1 300); do
  url="$(sed -n 's/^CONFORMANCE_URL=//p' "$fifo_out" | head -1)"
  [[ -n "$url" ]] && break
  kill -0 "$fixture" 2>/dev/null || { echo "conformance.sh: the fixture exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "conformance.sh: the fixture did not start within 30 s" >&2; cat "$log" >&2; exit 1; }
echo "conformance.sh: fixture at $url"

set +e
(cd "$root/tools/mcp-node" && PATH="$node22_bin:$PATH" node node_modules/@modelcontextprotocol/conformance/dist/index.js \
    server --url "$url" --suite "$suite" -o "$out/results") 2>&1 | tee "$out/suite.log"
status=${PIPESTATUS[0]}
set -e
stop_fixture
trap - EXIT

result="$(grep -E '^Total: [0-9]+ passed, [0-9]+ failed' "$out/suite.log" | tail -1 || true)"
scenarios="$(grep -cE '^[✓✗] ' "$out/suite.log" || true)"
failed_scenarios="$(grep -cE '^✗ ' "$out/suite.log" || true)"
if [[ -z "$result" ]]; then
  echo "conformance.sh: no result line from the suite (exit $status)" >&2
  exit 1
fi
echo "conformance ($suite): $scenarios scenarios, $failed_scenarios failed; checks: ${result#Total: }"
failed="$(echo "$result" | sed -E 's/.* ([0-9]+) failed.*/\1/')"
if [[ "$status" -ne 0 || "$failed" -ne 0 || "$failed_scenarios" -ne 0 ]]; then
  echo "conformance.sh: FAILED (suite exit $status)" >&2
  exit 1
fi
