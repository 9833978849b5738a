#!/bin/bash
# Concurrency benchmark of the ZIM tools over HTTP: starts the HTTP launcher on 127.0.0.1, port 0, serving one
# archive, and drives it with 1 and then 8 MCP clients (scripts/zim/BenchConcurrency.java: each client its own
# session and connection, mixed zim_search / zim_get summary / zim_browse calls back to back, random arguments
# drawn from the archive's HTML paths and title words). Prints calls per second for each and the ratio of 8
# clients to 1 (the goal on 2 cores: >= 1.6). Rounds alternate 1 and 8 clients; the median ratio counts. Also the
# server's CPU time per run (/proc): cores kept busy and calls per CPU second. On a machine busy with other jobs
# the wall-clock ratio mostly measures the scheduler's share; a lock would show as few cores busy with 8 clients
# and as calls per CPU second falling.
#
# Usage: scripts/bench-zim-concurrency.sh [--seconds S] [--rounds R] [--ops search,get,browse] [FILE.zim]
# Without FILE, builds target/zim-docs/python3.11-doc.zim (scripts/zim/make-zim-docs.sh).
# Needs scripts/ci/install-zim.sh (python3-libzim lists the paths and words); builds the HTTP jar when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=8; ROUNDS=3; FILE=""; OPS=search,get,browse
while [ $# -gt 0 ]; do
  case "$1" in
    --ops) OPS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) FILE=$1; shift ;;
  esac
done
JAR=mcp-server-http/target/mcp-server-http-0.1.0-SNAPSHOT.jar
if [ ! -f "$JAR" ]; then
  mvn -B -q -o -pl mcp-server-http -am package -DskipTests || mvn -B -q -pl mcp-server-http -am package -DskipTests
fi
if [ -z "$FILE" ]; then
  FILE=$(bash scripts/zim/make-zim-docs.sh target/zim-docs | tail -1)
fi
OUT=target/bench-zim-concurrency; rm -rf "$OUT"; mkdir -p "$OUT"
ZIMDIR=$(cd "$(dirname "$FILE")" && pwd)   # the server serves this directory (it refuses symbolic links out of it)
/usr/bin/python3 - "$FILE" "$OUT" <<'PY'
import re, sys
from libzim.reader import Archive
z = Archive(sys.argv[1])
paths, words = [], set()
for i in range(z.entry_count):
    e = z._get_entry_by_id(i)
    if e.is_redirect:
        continue
    if e.get_item().mimetype.startswith("text/html"):
        paths.append(e.path)
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{4,}", e.title))
open(sys.argv[2] + "/paths.txt", "w").write("\n".join(paths) + "\n")
open(sys.argv[2] + "/words.txt", "w").write("\n".join(sorted(words)) + "\n")
PY
java -jar "$JAR" --host 127.0.0.1 --port 0 --zim-dir "$ZIMDIR" --zim-watch-interval-seconds 0 \
  > "$OUT/server.out" 2> "$OUT/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 600); do
  URL=$(grep -o 'listening on http://[^ ]*' "$OUT/server.err" 2>/dev/null | head -1 | sed 's/listening on //') || true
  [ -n "$URL" ] && break
  kill -0 $SERVER 2>/dev/null || { cat "$OUT/server.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "bench-zim-concurrency: the server did not start" >&2; exit 1; }
for r in $(seq 1 "$ROUNDS"); do
  java -Dops="$OPS" -Dserver.pid=$SERVER scripts/zim/BenchConcurrency.java "$URL" "$(basename "$FILE")" "$OUT/paths.txt" "$OUT/words.txt" \
    "$SECONDS_PER_RUN" 1 8 > "$OUT/run-$r.json"
done
/usr/bin/python3 - "$OUT" "$ROUNDS" <<'PY'
import json, os, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{out}/run-{r}.json")) for r in range(1, rounds + 1)]
one = [r["runs"][0]["calls_per_s"] for r in runs]
eight = [r["runs"][1]["calls_per_s"] for r in runs]
ratios = [r["runs"][1]["ratio_to_first"] for r in runs]
busy = [[x["server_cores_busy"] for x in r["runs"]] for r in runs]
per_cpu = [[x["calls_per_server_cpu_s"] for x in r["runs"]] for r in runs]
res = {"ops": runs[0].get("ops"), "rounds": rounds, "seconds_per_run": runs[0]["seconds_per_run"], "cpus": os.cpu_count(),
       "load_average": os.getloadavg(),
       "errors": sum(x["errors"] for r in runs for x in r["runs"]),
       "calls_per_s_1_client": one, "calls_per_s_8_clients": eight, "ratios": ratios,
       "server_cores_busy_1_vs_8": busy, "calls_per_server_cpu_s_1_vs_8": per_cpu,
       "median_ratio_8_to_1": statistics.median(ratios)}
res["goal_met"] = res["median_ratio_8_to_1"] >= 1.6
print(json.dumps(res, indent=1))
PY
