#!/bin/bash
# Search benchmark: Burrow (`zim bench --query …`) against python3-libzim (scripts/zim/bench-search-libzim.py)
# on the Python docs archive, same queries (mcp-zim/src/test/resources/search/interop-queries.txt), same
# method: warm-up passes, then every query timed one by one; median and p95 of full-text search (estimated
# count + first 10 results) and of suggestions (first 10). Three alternating runs; the median run of each
# side is reported. Ratio = libzim latency / Burrow latency (>= 1.0: Burrow at least as fast).
# Snippets: each run also searches the queries of mcp-zim/src/test/resources/search/snippet-queries.txt once each,
# 10 hits with snippets, after a warm-up with snippets (zim bench --snippet-query), against C++ libzim's search plus
# getSnippet() for the same queries (scripts/zim/bench-libzim-snippets.cpp, compiled with g++ into target/), at the
# same cluster-cache budget; wall and thread CPU time. Goal: ratio >= 4.
#
# Usage: scripts/bench-search.sh [OUT.json]   (default target/bench-search.json)
# Needs: scripts/ci/install-search.sh; builds the docs archive and the stdio jar when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-target/bench-search.json}
DOCS=mcp-zim/target/zim-docs
ZIM=$DOCS/python3.11-doc.zim
QUERIES=mcp-zim/src/test/resources/search/interop-queries.txt
SNIPPET_QUERIES=mcp-zim/src/test/resources/search/snippet-queries.txt
CPP=target/bench-libzim-snippets
JAR=mcp-server-stdio/target/mcp-server-stdio-0.1.0-SNAPSHOT.jar
[ -s "$ZIM" ] || bash scripts/zim/make-zim-docs.sh "$DOCS" >/dev/null
[ -s "$JAR" ] || mvn -B -q -pl mcp-server-stdio -am package -DskipTests
mkdir -p target
[ "$CPP" -nt scripts/zim/bench-libzim-snippets.cpp ] || g++ -O2 -std=c++17 -o "$CPP" scripts/zim/bench-libzim-snippets.cpp -lzim
args=()
while IFS= read -r q; do
  [[ -z "$q" || "$q" == \#* ]] && continue
  args+=(--query "$q")
done < "$QUERIES"
while IFS= read -r q; do
  [[ -z "$q" || "$q" == \#* ]] && continue
  args+=(--snippet-query "$q")
done < "$SNIPPET_QUERIES"
mkdir -p "$(dirname "$OUT")"
runs=$(mktemp -d)
for i in 1 2 3; do
  java -jar "$JAR" zim bench "$ZIM" --reads 50 --cached-calls 0 "${args[@]}" > "$runs/burrow-$i.json"
  /usr/bin/python3 scripts/zim/bench-search-libzim.py "$ZIM" "$QUERIES" > "$runs/libzim-$i.json"
  CLUSTERS=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["libzim_cluster_cache_clusters"])' "$runs/burrow-$i.json")
  ZIM_CLUSTERCACHE=$CLUSTERS "$CPP" "$ZIM" "$QUERIES" "$SNIPPET_QUERIES" > "$runs/cpp-$i.json"
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
# snippets: C++ libzim (search + getSnippet) against Burrow, each run's pair in the same run
c = [json.load(open(os.path.join(runs, f"cpp-{i}.json"))) for i in (1, 2, 3)]
sk = ["search_snippets_median_ms", "search_snippets_p95_ms", "search_snippets_cpu_median_ms"]
res["snippets"] = {"queries": c[0]["search_snippets_queries"], "burrow": {}, "libzim_cpp": {}, "ratio": {},
                   "burrow_no_text_kept": {k: statistics.median(r[k] for r in b) for k in
                                           ("search_snippets_uncached_median_ms", "search_snippets_uncached_cpu_median_ms")},
                   "runs": [{"burrow": {k: x[k] for k in sk}, "libzim_cpp": {k: y[k] for k in sk},
                             "ratio": {k: round(y[k] / x[k], 2) for k in sk}} for x, y in zip(b, c)]}
for k in sk:
    res["snippets"]["burrow"][k] = statistics.median(r[k] for r in b)
    res["snippets"]["libzim_cpp"][k] = statistics.median(r[k] for r in c)
    res["snippets"]["ratio"][k] = round(res["snippets"]["libzim_cpp"][k] / res["snippets"]["burrow"][k], 2)
res["snippets"]["ratio_no_text_kept_cpu"] = round(res["snippets"]["libzim_cpp"]["search_snippets_cpu_median_ms"]
    / res["snippets"]["burrow_no_text_kept"]["search_snippets_uncached_cpu_median_ms"], 2)
json.dump(res, open(out, "w"), indent=2)
print(json.dumps(res, indent=2))
PY
rm -rf "$runs"
