#!/usr/bin/env bash
# The replica test: three Burrow HTTP replicas behind HAProxy on 127.0.0.1, driven by 2026-07-28 clients (no
# affinity) and 2025-11-25 clients (affinity on Mcp-Session-Id) while one replica is killed with SIGKILL in the
# middle of the load. Before the load, the replicas share one Gemini trust store in a throwaway PostgreSQL
# (scripts/replicas/postgres.sh), and the driver checks that a trust decision or a client identity made through one
# replica holds on the others (GeminiTrustRun). Prints the figures (calls, failures, p99, failover) and exits non-zero
# when a rule was broken (see LoadRun in mcp-server-http's tests). Everything binds 127.0.0.1 and stops when the
# script ends.
#
# Usage: scripts/replicas/replica-test.sh [--jar JAR] [--classes DIR] [--testkit DIR] [--report FILE] [--seconds N]
#                                         [--keep]
#   --jar      the HTTP launcher's shaded jar (default mcp-server-http/target/mcp-server-http-<version>.jar)
#   --classes  mcp-server-http's compiled test classes, where the driver is (default mcp-server-http/target/test-classes)
#   --testkit  the fake servers' classes, for the fake Gemini capsule (default mcp-testkit-fakes/target/classes)
#   --report   where the JSON figures go (default target/replicas/report.json; the Gemini steps beside it, gemini.json)
#   --seconds  length of the load (default 20; the kill comes at 40 %)
#   --keep     leave the replicas and HAProxy running after the load until Ctrl-C (to try things by hand)
# Needs: java 17, haproxy, postgresql, python3 (scripts/ci/install-replicas.sh installs them). Build first:
#   mvn -B -pl mcp-server-http -am package -DskipTests
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="" classes="$root/mcp-server-http/target/test-classes" testkit="$root/mcp-testkit-fakes/target/classes" report=""
seconds=20 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar=$2; shift 2 ;;
    --classes) classes=$2; shift 2 ;;
    --testkit) testkit=$2; shift 2 ;;
    --report) report=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "replica-test: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$jar" ]; then
  jar=$(ls "$root"/mcp-server-http/target/mcp-server-http-*.jar 2>/dev/null | grep -v -- '-thin.jar$' | head -1 || true)
fi
JAVA=${JAVA:-java}
fail() { echo "replica-test: $*" >&2; exit 1; }
[ -n "$jar" ] && [ -f "$jar" ] || fail "the HTTP launcher jar is missing: mvn -B -pl mcp-server-http -am package -DskipTests"
[ -f "$classes/io/burrow/mcp/server/http/replicas/ReplicaDriver.class" ] \
  || fail "the driver is not compiled in $classes (mvn -B -pl mcp-server-http -am package -DskipTests)"
command -v haproxy >/dev/null || fail "haproxy is not installed (bash scripts/ci/install-replicas.sh)"
command -v python3 >/dev/null || fail "python3 is not installed (bash scripts/ci/install-replicas.sh)"
[ -f "$testkit/io/burrow/mcp/testkit/gemini/FakeGeminiServer.class" ] \
  || fail "the test kit is not compiled in $testkit (mvn -B -pl mcp-server-http -am package -DskipTests)"

work=$(mktemp -d "${TMPDIR:-/tmp}/burrow-replicas.XXXXXX")
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/burrow-replicas-pg.XXXXXX")
chmod 755 "$pgdir"  # PostgreSQL runs as the postgres user when the script runs as root
report=${report:-$root/target/replicas/report.json}
logs=$(dirname "$report")/logs
mkdir -p "$(dirname "$report")"
rm -rf "$logs"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  done
  bash "$root/scripts/replicas/postgres.sh" stop "$pgdir/pg" 2>/dev/null || true
  cp "$pgdir/pg/postgres.log" "$work/postgres.log" 2>/dev/null || true
  rm -rf "$pgdir"
  mkdir -p "$logs" && cp "$work"/*.log "$logs"/ 2>/dev/null || true
  if [ $status -ne 0 ]; then
    for f in "$work"/*.log; do [ -f "$f" ] && { echo "== $f (last lines)"; tail -n 25 "$f"; }; done >&2
    echo "replica-test: logs kept in $logs" >&2
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Settings every replica shares: the request-state key (a 2026-07-28 retry may reach another replica), the
# token, and replicated=true (which makes the key required).
state_key=$(head -c 32 /dev/urandom | base64)
token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')

# The shared Gemini trust store: a throwaway PostgreSQL on 127.0.0.1, and the key encrypting client identities.
pg_url=$(bash "$root/scripts/replicas/postgres.sh" start "$pgdir/pg" "$(free_port)") \
  || fail "PostgreSQL did not start (bash scripts/ci/install-replicas.sh installs it)"
pg_password=$(cat "$pgdir/pg/password")
store_key=$(head -c 32 /dev/urandom | base64)
echo "replica-test: PostgreSQL for the Gemini store at $pg_url"

start_replica() { # name -> pid, port
  local name=$1 dir=$work/$1
  mkdir -p "$dir/home"
  # GEMINI_RESPECT_ROBOTS_TXT=false: the trust check expects the first fetch of a capsule to be its first use, and a
  # robots.txt read would come first (robots.txt has tests of its own)
  env -i PATH="$PATH" HOME="$dir/home" LANG=C.UTF-8 \
    BURROW_REPLICATED=true BURROW_REQUEST_STATE_KEY="$state_key" BURROW_AUTH_TOKEN="$token" \
    BURROW_GEMINI_STORE=postgres BURROW_GEMINI_STORE_URL="$pg_url" BURROW_GEMINI_STORE_USER=burrow \
    BURROW_GEMINI_STORE_PASSWORD="$pg_password" BURROW_GEMINI_STORE_KEY="$store_key" GEMINI_ALLOW_LOCAL_HOSTS=true \
    GEMINI_PREAUTHORIZE_TRUST_CHANGES=true GEMINI_RESPECT_ROBOTS_TXT=false \
    "$JAVA" -Xmx256m -XX:+ExitOnOutOfMemoryError -jar "$jar" http --host 127.0.0.1 --port 0 \
    >"$work/$name.log" 2>&1 &
  pids+=($!)
  eval "pid_$name=$!"
  disown $!  # no "Killed" notice from bash when the driver kills it
}

echo "replica-test: starting r1 r2 r3 ($(basename "$jar"))"
for r in r1 r2 r3; do start_replica $r; done
for r in r1 r2 r3; do
  url=""
  for _ in $(seq 360); do
    url=$(grep -o -m1 'listening on http://127.0.0.1:[0-9]*/mcp' "$work/$r.log" 2>/dev/null | grep -o 'http://.*' || true)
    [ -n "$url" ] && break
    pid_var=pid_$r; kill -0 "${!pid_var}" 2>/dev/null || fail "replica $r exited"
    sleep 0.25
  done
  [ -n "$url" ] || fail "replica $r did not start within 90 s"
  hostport=${url#http://}; hostport=${hostport%/mcp}
  export "BURROW_${r^^}=$hostport"
  echo "replica-test: $r at $url (pid $(eval echo \$pid_$r))"
done

# Gemini trust decisions and identities made through one replica hold on the others (each replica called directly).
endpoints="r1=http://$BURROW_R1/mcp,r2=http://$BURROW_R2/mcp,r3=http://$BURROW_R3/mcp"
"$JAVA" -cp "$jar:$classes:$testkit" io.burrow.mcp.server.http.replicas.ReplicaDriver gemini \
  --replica-endpoints "$endpoints" --token "$token" --report "$(dirname "$report")/gemini.json" \
  >"$work/gemini.out" 2>"$work/gemini-driver.log" || gemini_status=$?
sed 's/^/replica-test: /' "$work/gemini.out"
[ "${gemini_status:-0}" -eq 0 ] || fail "the replicas do not share Gemini trust (report: $(dirname "$report")/gemini.json)"

lb_port=$(free_port)
export BURROW_LB_BIND=127.0.0.1:$lb_port
haproxy -f "$root/scripts/replicas/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=($!)
haproxy_pid=$!
endpoint=http://127.0.0.1:$lb_port/mcp
echo "replica-test: HAProxy at $endpoint"

"$JAVA" -cp "$jar:$classes" io.burrow.mcp.server.http.replicas.ReplicaDriver load \
  --endpoint "$endpoint" --token "$token" --replicas r1,r2,r3 --kill-pid "$pid_r2" --kill-name r2 \
  --seconds "$seconds" --kill-at-seconds "$(python3 -c "print($seconds*0.4)")" --report "$report" \
  >"$work/driver.out" 2>"$work/driver.log" || status=$?
sed 's/^/replica-test: /' "$work/driver.out"
# the proxy's own retries: the last field of actconn/feconn/beconn/srv_conn/retries ("+N": on another replica)
lb_retries=$(awk '$1 ~ /^127\.0\.0\.1:/ { n = split($11, a, "/"); if (a[n] != "0") c++ } END { print c + 0 }' \
  "$work/haproxy.log")
echo "replica-test: HAProxy re-sent $lb_retries requests to another replica"
[ "${status:-0}" -eq 0 ] || fail "the load broke a rule (report: $report)"
echo "replica-test: report in $report"

if [ $keep -eq 1 ]; then
  echo "replica-test: r1, r3 and HAProxy stay up at $endpoint (token $token); Ctrl-C ends them"
  wait "$haproxy_pid"
fi
