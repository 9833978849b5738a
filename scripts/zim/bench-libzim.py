#!/usr/bin/python3
"""The libzim side of `zim bench`: the same measurements through python3-libzim, as one JSON object.

Usage: ZIM_CLUSTERCACHE=K /usr/bin/python3 scripts/zim/bench-libzim.py FILE --reads N --seed S [--cold-clusters 0]

The random sequences are SplitMix64 over the user entries, exactly as ZimBench draws them, so both
readers read the same entries in the same order. libzim 8 bounds its cluster cache by a number of
clusters (ZIM_CLUSTERCACHE, read when an archive opens); scripts/bench-zim.sh converts Burrow's byte
budget with the archive's average decompressed cluster size. "Cold" opens a second archive with
ZIM_CLUSTERCACHE=0.
"""
import argparse, json, os, sys, time

ap = argparse.ArgumentParser()
ap.add_argument("file")
ap.add_argument("--reads", type=int, default=2000)
ap.add_argument("--seed", type=int, default=42)
args = ap.parse_args()

from libzim.reader import Archive

M64 = (1 << 64) - 1

class SplitMix:
    def __init__(self, seed):
        self.state = seed & M64
    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & M64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        return z ^ (z >> 31)
    def index(self, n):
        return self.next() % n

MIN_SECONDS = 0.5  # as ZimBench.MIN_NANOS: each measurement repeats until this much time passed

last_cpu_rate = None  # operations per CPU second of the process (as ZimBench's ..._per_cpu_s)

def rate(ops, fn):
    global last_cpu_rate
    c0 = time.process_time()
    t0 = time.perf_counter()
    done = 0
    while True:
        fn()
        done += ops
        el = time.perf_counter() - t0
        if el >= MIN_SECONDS:
            last_cpu_rate = round(done / max(1e-9, time.process_time() - c0), 1)
            return round(done / el, 1)

z = Archive(args.file)
n = z.entry_count
# user entries are the C namespace, first in path order in new-scheme archives
paths = [z._get_entry_by_id(i).path for i in range(n)]
r = SplitMix(args.seed)
seq = [paths[r.index(n)] for _ in range(args.reads)]

def read_all(a, ps):
    # the content as libzim hands it out: a memoryview of the Blob (no copy), as Burrow's contentBuffer()
    t = 0
    for p in ps:
        t += len(a.get_entry_by_path(p).get_item().content)
    return t

def read_copies(a, ps):
    t = 0
    for p in ps:
        t += len(bytes(a.get_entry_by_path(p).get_item().content))
    return t

out = {"file": os.path.basename(args.file), "reads": args.reads, "seed": args.seed,
       "libzim_cluster_cache_clusters": int(os.environ.get("ZIM_CLUSTERCACHE", "16"))}
read_all(z, seq)
out["read_ops_per_s"] = rate(len(seq), lambda: read_all(z, seq))
out["read_ops_per_cpu_s"] = last_cpu_rate
read_copies(z, seq)
out["read_copy_ops_per_s"] = rate(len(seq), lambda: read_copies(z, seq))
out["read_copy_ops_per_cpu_s"] = last_cpu_rate

os.environ["ZIM_CLUSTERCACHE"] = "0"
cold = Archive(args.file)
read_all(cold, seq[:200])
out["cold_read_ops_per_s"] = rate(len(seq), lambda: read_all(cold, seq))
out["cold_read_ops_per_cpu_s"] = last_cpu_rate

def iterate():
    t = 0
    for i in range(n):
        e = z._get_entry_by_id(i)
        t += len(e.path) + len(e.title)
    return t
iterate()
passes = max(1, 200000 // n)
out["iterate_entries_per_s"] = rate(passes * n, lambda: [iterate() for _ in range(passes)])

tr = SplitMix(args.seed + 1)
titles = [z._get_entry_by_id(tr.index(n)).title for _ in range(args.reads)]
def lookup():
    t = 0
    for ti in titles:
        try:
            t += len(z.get_entry_by_title(ti).path)
        except KeyError:
            t -= 1
    return t
lookup()
out["title_lookup_ops_per_s"] = rate(len(titles), lookup)
json.dump(out, sys.stdout)
sys.stdout.write("\n")
