#!/usr/bin/python3
"""python3-libzim's full-text and suggestion answers for a list of queries, as one JSON object.

Usage: /usr/bin/python3 scripts/zim/search-groundtruth.py ZIM QUERIES.txt OUT.json
QUERIES.txt: one query per line (UTF-8; blank lines and lines starting with '#' are skipped).
For each query: fulltext_estimated_matches and fulltext_top10 (paths) when the archive has a full-text
index, suggest_estimated_matches and suggest_top10 (paths). Must run with Debian's /usr/bin/python3.
"""
import json
import sys

from libzim.reader import Archive
from libzim.search import Query, Searcher
from libzim.suggestion import SuggestionSearcher

zim_path, queries_path, out_path = sys.argv[1:4]
with open(queries_path, encoding="utf-8") as f:
    queries = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]

z = Archive(zim_path)
searcher = Searcher(z) if z.has_fulltext_index else None
sugg = SuggestionSearcher(z)
rows = []
for q in queries:
    row = {"query": q}
    if searcher:
        s = searcher.search(Query().set_query(q))
        row["fulltext_estimated_matches"] = s.getEstimatedMatches()
        row["fulltext_top10"] = list(s.getResults(0, 10))
    sg = sugg.suggest(q)
    row["suggest_estimated_matches"] = sg.getEstimatedMatches()
    row["suggest_top10"] = list(sg.getResults(0, 10))
    rows.append(row)
res = {"file": zim_path, "has_fulltext_index": z.has_fulltext_index, "has_title_index": z.has_title_index,
       "queries": rows}
with open(out_path, "w", encoding="utf-8") as f:
    json.dump(res, f, ensure_ascii=False, indent=1)
