// The C++ libzim side of `zim bench`: the measurements of bench-libzim.py, straight on libzim (no Python in
// between), printed as one JSON object. Built by scripts/bench-zim.sh into target/ with libzim-dev
// (scripts/ci/install-zim.sh):
//   g++ -O2 -std=c++17 scripts/zim/bench-libzim.cpp -o target/bench-libzim-cpp $(pkg-config --cflags --libs libzim)
// Usage: ZIM_CLUSTERCACHE=K target/bench-libzim-cpp FILE READS SEED [reads-only | queries QUERIES.txt ROUNDS WARMUP]
// With "queries": also full-text search (estimated count + first 10 results) and suggestion (first 10) latencies,
// every query timed on its own after the warm-up passes, median and p95 (nearest rank), as `zim bench --query`
// and bench-search-libzim.py measure them.
//
// libzim 8 (Debian's 8.1.1) bounds its cluster cache by a number of clusters, read from ZIM_CLUSTERCACHE when an
// archive opens (libzim 9 counts bytes, set with setClusterCacheMaxSize); scripts/bench-zim.sh converts Burrow's
// byte budget with the archive's average decompressed cluster size, as for python3-libzim. The random sequence is
// SplitMix64 over the user entries, exactly as ZimBench and bench-libzim.py draw it. "Cold" opens a second archive
// with ZIM_CLUSTERCACHE=0. Each measurement repeats until 0.5 s passed, after a warm-up of 1 s; rates are given per wall second
// and per CPU second of the process (..._per_cpu_s), the figure that means something on a loaded machine.
#include <zim/archive.h>
#include <zim/entry.h>
#include <zim/item.h>
#include <zim/error.h>
#include <zim/search.h>
#include <zim/suggestion.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cmath>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

namespace {

struct SplitMix {
  uint64_t state;
  explicit SplitMix(uint64_t seed) : state(seed) {}
  uint64_t next() {
    state += 0x9E3779B97F4A7C15ULL;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint32_t index(uint32_t n) { return static_cast<uint32_t>(next() % n); }
};

volatile uint64_t sink;
double lastCpuRate;  // operations per CPU second of the process, for loaded machines (as ZimBench's ..._per_cpu_s)

double cpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double rate(uint64_t ops, const std::function<void()>& body) {
  using clk = std::chrono::steady_clock;
  auto warm0 = clk::now();
  do { body(); } while (clk::now() - warm0 < std::chrono::milliseconds(1000));
  double c0 = cpuSeconds();
  auto t0 = clk::now();
  uint64_t done = 0;
  double s;
  do {
    body();
    done += ops;
    s = std::chrono::duration<double>(clk::now() - t0).count();
  } while (s < 0.5);
  lastCpuRate = static_cast<double>(static_cast<uint64_t>(done / (cpuSeconds() - c0) * 10)) / 10;
  return static_cast<double>(static_cast<uint64_t>(done / s * 10)) / 10;
}

uint64_t readAll(const zim::Archive& a, const std::vector<std::string>& paths, bool copy) {
  uint64_t t = 0;
  for (const auto& p : paths) {
    zim::Blob b = a.getEntryByPath(p).getItem(true).getData();
    if (copy) {
      std::string s(b.data(), b.size());
      t += s.size();
    } else {
      t += b.size();
    }
  }
  return t;
}

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  long rank = static_cast<long>(std::ceil(p / 100.0 * v.size()));
  long i = std::max(0L, std::min(static_cast<long>(v.size()) - 1, rank - 1));
  return std::round(v[i] * 1000) / 1000;
}

std::vector<double> timed(const std::vector<std::string>& qs, int rounds, int warmup,
                          const std::function<uint64_t(const std::string&)>& fn) {
  for (int r = 0; r < warmup; r++)
    for (const auto& q : qs) sink += fn(q);
  std::vector<double> out;
  for (int r = 0; r < rounds; r++)
    for (const auto& q : qs) {
      auto t0 = std::chrono::steady_clock::now();
      sink += fn(q);
      out.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: ZIM_CLUSTERCACHE=K %s FILE READS SEED [reads-only]\n", argv[0]);
    return 2;
  }
  const std::string file = argv[1];
  const int reads = std::atoi(argv[2]);
  const uint64_t seed = std::strtoull(argv[3], nullptr, 10);
  const bool readsOnly = argc > 4 && std::strcmp(argv[4], "reads-only") == 0;
  const bool withQueries = argc > 7 && std::strcmp(argv[4], "queries") == 0;
  const char* cc = std::getenv("ZIM_CLUSTERCACHE");
  const std::string clusters = cc ? cc : "16";
  try {
    zim::Archive z(file);
    const uint32_t n = z.getEntryCount();
    std::vector<std::string> all;
    all.reserve(n);
    for (uint32_t i = 0; i < n; i++) all.push_back(z.getEntryByPath(i).getPath());
    SplitMix r(seed);
    std::vector<std::string> seq;
    for (int i = 0; i < reads; i++) seq.push_back(all[r.index(n)]);

    double warm = rate(seq.size(), [&] { sink += readAll(z, seq, false); });
    double warmCpu = lastCpuRate;
    double copies = rate(seq.size(), [&] { sink += readAll(z, seq, true); });
    double copiesCpu = lastCpuRate;
    setenv("ZIM_CLUSTERCACHE", "0", 1);
    zim::Archive cold(file);
    double coldRate = rate(seq.size(), [&] { sink += readAll(cold, seq, false); });
    double coldCpu = lastCpuRate;
    std::printf("{\"file\": \"%s\", \"reads\": %d, \"seed\": %llu, \"libzim_cluster_cache_clusters\": %s, "
                "\"read_ops_per_s\": %.1f, \"read_copy_ops_per_s\": %.1f, \"cold_read_ops_per_s\": %.1f, "
                "\"read_ops_per_cpu_s\": %.1f, \"read_copy_ops_per_cpu_s\": %.1f, \"cold_read_ops_per_cpu_s\": %.1f",
                file.substr(file.find_last_of('/') + 1).c_str(), reads, static_cast<unsigned long long>(seed),
                clusters.c_str(), warm, copies, coldRate, warmCpu, copiesCpu, coldCpu);
    if (!readsOnly) {
      uint32_t passes = n == 0 ? 1 : std::max<uint32_t>(1, 200000 / n);
      double iter = rate(static_cast<uint64_t>(passes) * n, [&] {
        uint64_t t = 0;
        for (uint32_t k = 0; k < passes; k++)
          for (uint32_t i = 0; i < n; i++) {
            zim::Entry e = z.getEntryByPath(i);
            t += e.getPath().size() + e.getTitle().size();
          }
        sink += t;
      });
      SplitMix tr(seed + 1);
      std::vector<std::string> titles;
      for (int i = 0; i < reads; i++) titles.push_back(z.getEntryByPath(tr.index(n)).getTitle());
      double lookups = rate(titles.size(), [&] {
        uint64_t t = 0;
        for (const auto& ti : titles) {
          try {
            t += z.getEntryByTitle(ti).getPath().size();
          } catch (const zim::EntryNotFound&) {
            t -= 1;
          }
        }
        sink += t;
      });
      std::printf(", \"iterate_entries_per_s\": %.1f, \"title_lookup_ops_per_s\": %.1f", iter, lookups);
    }
    if (withQueries) {
      std::vector<std::string> qs;
      std::ifstream qf(argv[5]);
      for (std::string line; std::getline(qf, line);)
        if (!line.empty() && line[0] != '#') qs.push_back(line);
      const int rounds = std::atoi(argv[6]);
      const int warmup = std::atoi(argv[7]);
      if (z.hasFulltextIndex()) {
        zim::Searcher searcher(z);
        auto t = timed(qs, rounds, warmup, [&](const std::string& q) {
          zim::Search s = searcher.search(zim::Query(q));
          uint64_t k = s.getEstimatedMatches();
          auto res = s.getResults(0, 10);
          for (auto it = res.begin(); it != res.end(); ++it) k += it.getPath().size();
          return k;
        });
        std::printf(", \"search_median_ms\": %.3f, \"search_p95_ms\": %.3f", pct(t, 50), pct(t, 95));
      }
      zim::SuggestionSearcher sugg(z);
      auto t = timed(qs, rounds, warmup, [&](const std::string& q) {
        zim::SuggestionSearch s = sugg.suggest(q);
        uint64_t k = s.getEstimatedMatches();
        auto res = s.getResults(0, 10);
        for (auto it = res.begin(); it != res.end(); ++it) k += it->getTitle().size();
        return k;
      });
      std::printf(", \"suggest_median_ms\": %.3f, \"suggest_p95_ms\": %.3f, \"queries\": %zu", pct(t, 50), pct(t, 95), qs.size());
    }
    std::printf("}\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench-libzim-cpp: %s\n", e.what());
    return 1;
  }
  return 0;
}
