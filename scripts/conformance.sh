#!/usr/bin/env bash
# Runs the official MCP conformance suites against Burrow's conformance fixture served by the production
# HTTP stack, one per protocol generation:
#   - 2025-11-25: @modelcontextprotocol/conformance 0.1.16, server scenarios, --suite active;
#   - 2026-07-28: @modelcontextprotocol/conformance 0.2.0-alpha.12 --requirements 2026-07-28 (the frozen
#     requirement set of the revision; extensions such as tasks are run but not scored).
# Installs what it needs (scripts/ci/install-node.sh), builds mcp-server-http, starts the fixture on a
# free loopback port, runs the suite with Node 22, stops the fixture, prints the result line and exits
# non-zero on any failure.
#
# Environment: MVN_ARGS (extra Maven arguments, e.g. -o), CONFORMANCE_SUITE (legacy suite, default: active),
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

# Runs one suite; prints its summary line; returns non-zero on any failure that counts.
#   $1 label, $2 package directory under node_modules, $3 log name, then the suite's own arguments
run_suite() {
  local label="$1" pkg="$2" name="$3"
  shift 3
  set +e
  (cd "$root/tools/mcp-node" && PATH="$node22_bin:$PATH" node "node_modules/$pkg/dist/index.js" \
      server --url "$url" "$@" -o "$out/results-$name") 2>&1 | tee "$out/$name.log"
  local status=${PIPESTATUS[0]}
  set -e
  # the summary lists every scenario; those named again under "Not scored" (extensions, pending) only report
  local unscored_names scored
  unscored_names="$(sed -nE 's/^  [✓✗] ([^ ]+) .*/\1/p' "$out/$name.log")"
  scored="$(grep -E '^[✓✗] ' "$out/$name.log" | grep -vwF -e "${unscored_names:-no-such-scenario}" || true)"
  local scenarios failed_scenarios passed_checks failed_checks
  scenarios="$(echo -n "$scored" | grep -c '^' || true)"
  failed_scenarios="$(echo -n "$scored" | grep -c '^✗' || true)"
  passed_checks="$(echo "$scored" | sed -nE 's/.*: ([0-9]+) passed.*/\1/p' | paste -sd+ | bc)"
  failed_checks="$(echo "$scored" | sed -nE 's/.* ([0-9]+) failed.*/\1/p' | paste -sd+ | bc)"
  if [[ "$scenarios" -eq 0 ]]; then
    echo "conformance.sh: no scenario results from the $label suite (exit $status)" >&2
    return 1
  fi
  local unscored
  unscored="$(echo -n "$unscored_names" | grep -c '^' || true)"
  echo "conformance ($label): $scenarios scenarios, $failed_scenarios failed; checks: $passed_checks passed, $failed_checks failed$( [[ "$unscored" -gt 0 ]] && echo "; $unscored not scored (extensions, pending)")" | tee -a "$out/summary.txt"
  if [[ "$status" -ne 0 || "$failed_scenarios" -ne 0 ]]; then
    echo "conformance.sh: the $label suite FAILED (exit $status)" >&2
    return 1
  fi
}

rc=0
run_suite "2025-11-25, $suite" "@modelcontextprotocol/conformance" legacy --suite "$suite" || rc=1
run_suite "2026-07-28 requirements" "conformance-2026" modern --requirements 2026-07-28 || rc=1
stop_fixture
trap - EXIT
cat "$out/summary.txt"
exit $rc
