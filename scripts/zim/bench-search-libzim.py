#!/usr/bin/python3
"""The libzim side of the search benchmark: python3-libzim's full-text and suggestion latencies, as JSON.

Usage: /usr/bin/python3 scripts/zim/bench-search-libzim.py FILE QUERIES.txt [--rounds 50] [--warmup 200]

Each query is served as libzim's users do: a search's estimated count plus its first 10 results, and the first
10 suggestions. After the warm-up passes every execution is timed one by one; the median and 95th percentile
(nearest rank) over all timed executions are reported, exactly as Burrow's `zim bench --query` does.
"""
import argparse
import json
import math
import time

from libzim.reader import Archive
from libzim.search import Query, Searcher
from libzim.suggestion import SuggestionSearcher

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("queries")
ap.add_argument("--rounds", type=int, default=50)
ap.add_argument("--warmup", type=int, default=200)
args = ap.parse_args()
with open(args.queries, encoding="utf-8") as f:
    queries = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]

z = Archive(args.file)
searcher = Searcher(z) if z.has_fulltext_index else None
sugg = SuggestionSearcher(z)


def search(q):
    s = searcher.search(Query().set_query(q))
    return s.getEstimatedMatches() + len(list(s.getResults(0, 10)))


def suggest(q):
    s = sugg.suggest(q)
    return s.getEstimatedMatches() + len(list(s.getResults(0, 10)))


def timed(fn):
    for _ in range(args.warmup):
        for q in queries:
            fn(q)
    out = []
    for _ in range(args.rounds):
        for q in queries:
            t0 = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t0) * 1000.0)
    return out


def pct(v, p):
    v = sorted(v)
    rank = int(math.ceil(p / 100.0 * len(v)))
    return round(v[max(0, min(len(v) - 1, rank - 1))], 3)


res = {"file": args.file, "queries": len(queries), "search_rounds": args.rounds, "search_warmup_rounds": args.warmup}
if searcher:
    t = timed(search)
    res["search_median_ms"] = pct(t, 50)
    res["search_p95_ms"] = pct(t, 95)
t = timed(suggest)
res["suggest_median_ms"] = pct(t, 50)
res["suggest_p95_ms"] = pct(t, 95)
print(json.dumps(res))
