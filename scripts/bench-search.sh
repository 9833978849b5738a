#!/bin/bash
# Search benchmark: Burrow (`zim bench --query …`) against python3-libzim (scripts/zim/bench-search-libzim.py)
# on the Python docs archive, same queries (mcp-zim/src/test/resources/search/interop-queries.txt), same
# method: warm-up passes, then every query timed one by one; median and p95 of full-text search (estimated
# count + first 10 results) and of suggestions (first 10). Three alternating runs; the median run of each
# side is reported. Ratio = libzim latency / Burrow latency (>= 1.0: Burrow at least as fast).
#
# Usage: scripts/bench-search.sh [OUT.json]   (default target/bench-search.json)
# Needs: scripts/ci/install-search.sh; builds the docs archive and the stdio jar when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/bench-search.json}
DOCS=mcp-zim/target/zim-docs
ZIM=$DOCS/python3.11-doc.zim
QUERIES=mcp-zim/src/test/resources/search/interop-queries.txt
JAR=mcp-server-stdio/target/mcp-server-stdio-0.1.0-SNAPSHOT.jar
[ -s "$ZIM" ] || bash scripts/zim/make-zim-docs.sh "$DOCS" >/dev/null
[ -s "$JAR" ] || mvn -B -q -pl mcp-server-stdio -am package -DskipTests
args=()
while IFS= read -r q; do
  [[ -z "$q" || "$q" == \#* ]] && continue
  args+=(--query "$q")
done < "$QUERIES"
mkdir -p "$(dirname "$OUT")"
runs=$(mktemp -d)
for i in 1 2 3; do
  java -jar "$JAR" zim bench "$ZIM" --reads 50 "${args[@]}" > "$runs/burrow-$i.json"
  /usr/bin/python3 scripts/zim/bench-search-libzim.py "$ZIM" "$QUERIES" > "$runs/libzim-$i.json"
done
/usr/bin/python3 - "$runs" "$OUT" "$ZIM" <<'PY'
import json, os, platform, statistics, sys
runs, out, zim = sys.argv[1:4]
keys = ["search_median_ms", "search_p95_ms", "suggest_median_ms", "suggest_p95_ms"]
def load(side):
    return [json.load(open(os.path.join(runs, f"{side}-{i}.json"))) for i in (1, 2, 3)]
b, l = load("burrow"), load("libzim")
res = {"archive": os.path.basename(zim), "queries": l[0]["queries"], "rounds": l[0]["search_rounds"],
       "warmup_rounds": l[0]["search_warmup_rounds"], "cpus": os.cpu_count(), "burrow": {}, "libzim": {}, "ratio": {},
       "runs": {"burrow": [{k: r[k] for k in keys} for r in b], "libzim": [{k: r[k] for k in keys} for r in l]}}
for k in keys:
    res["burrow"][k] = statistics.median(r[k] for r in b)
    res["libzim"][k] = statistics.median(r[k] for r in l)
    res["ratio"][k] = round(res["libzim"][k] / res["burrow"][k], 2) if res["burrow"][k] else None
json.dump(res, open(out, "w"), indent=2)
print(json.dumps(res, indent=2))
PY
rm -rf "$runs"
