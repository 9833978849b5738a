#!/bin/bash
# The reader benchmark on the scale archive: builds (once, cached in target/zim-scale) a synthetic archive of N
# articles with scripts/zim/make-scale-zim.sh, derives 24 queries from its titles (the most frequent words, words
# of middle and low frequency, two-word queries, three-letter prefixes), then runs scripts/bench-zim.sh on it:
# random reads, iteration, title lookups, full-text search and suggestions against python3-libzim and C++ libzim,
# and the heap after open.
#
# Usage: scripts/bench-zim-scale.sh [--articles N] [bench-zim.sh options...]   (default N = 300000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=300000
if [ "${1:-}" = "--articles" ]; then N=$2; shift 2; fi
ZIM=$(bash scripts/zim/make-scale-zim.sh target/zim-scale "$N" | tail -1)
Q=target/zim-scale/scale-$N.queries.txt
if [ ! -s "$Q" ]; then
  /usr/bin/python3 - "$ZIM" > "$Q.tmp" <<'PY'
import collections, random, sys
from libzim.reader import Archive
z = Archive(sys.argv[1])
rng = random.Random(7)
counts = collections.Counter()
n = z.entry_count
for _ in range(3000):
    e = z._get_entry_by_id(rng.randrange(n))
    counts.update(w.lower() for w in e.title.split() if w.isalpha())
ranked = [w for w, _ in counts.most_common()]
qs = ranked[:6] + ranked[100:106] + ranked[-6:]
qs += [f"{ranked[i]} {ranked[i + 50]}" for i in (0, 10, 200)]
qs += [ranked[i][:3] for i in (1, 30, 300)]
print("\n".join(qs))
PY
  mv "$Q.tmp" "$Q"
fi
exec bash scripts/bench-zim.sh --queries "$Q" "$@" "$ZIM"
