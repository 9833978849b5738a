// C++ libzim's side of the snippet benchmark: what kiwix-serve does for a search page, a search's estimated count
// plus its first 10 results, each with its path, title and getSnippet() (libzim parses the hit's whole HTML and
// asks Xapian for the snippet). Measured like Burrow's `zim bench --snippet-query`: a warm-up with snippets over
// the warm-up queries for at least 3 s, then each fresh query searched once and timed on its own; median and 95th
// percentile (nearest rank), wall and
// thread CPU time. Prints one JSON object.
//
// Build: g++ -O2 -std=c++17 -o target/bench-libzim-snippets scripts/zim/bench-libzim-snippets.cpp -lzim
// Usage: bench-libzim-snippets FILE WARMUP_QUERIES.txt FRESH_QUERIES.txt [CLUSTER_CACHE_CLUSTERS]
#include <zim/archive.h>
#include <zim/search.h>
#include <zim/search_iterator.h>
#include <time.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

static std::vector<std::string> readQueries(const char* file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    out.push_back(line);
  }
  return out;
}

static size_t sink = 0;

// CPU time of this thread, in ms (what a busy machine moves less than wall time)
static double cpuMs() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static size_t search(zim::Searcher& searcher, const std::string& q, bool snippets) {
  zim::Query query(q);
  zim::Search s = searcher.search(query);
  size_t n = s.getEstimatedMatches();
  zim::SearchResultSet results = s.getResults(0, 10);
  for (auto it = results.begin(); it != results.end(); ++it) {
    n += it.getPath().size() + it.getTitle().size();
    if (snippets) n += it.getSnippet().size();
  }
  return n;
}

static double pct(std::vector<double> v, int p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  long rank = (long) std::ceil(p / 100.0 * v.size());
  double x = v[std::max(0L, std::min((long) v.size() - 1, rank - 1))];
  return std::round(x * 1000) / 1000.0;
}

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: bench-libzim-snippets FILE WARMUP_QUERIES FRESH_QUERIES" << std::endl;
    return 2;
  }
  zim::Archive archive(argv[1]);
  std::vector<std::string> warm = readQueries(argv[2]);
  std::vector<std::string> fresh = readQueries(argv[3]);
  zim::Searcher searcher(archive);
  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  do {
    for (auto& q : warm) sink += search(searcher, q, true);
  } while (std::chrono::duration<double>(clock::now() - t0).count() < 3.0 && !warm.empty());
  std::vector<double> ms, cpu;
  for (auto& q : fresh) {
    double c = cpuMs();
    auto a = clock::now();
    sink += search(searcher, q, true);
    ms.push_back(std::chrono::duration<double, std::milli>(clock::now() - a).count());
    cpu.push_back(cpuMs() - c);
  }
  std::printf("{\"file\":\"%s\",\"search_snippets_queries\":%zu,\"search_snippets_median_ms\":%.3f,"
              "\"search_snippets_p95_ms\":%.3f,\"search_snippets_cpu_median_ms\":%.3f,\"sink\":%zu}\n",
              argv[1], fresh.size(), pct(ms, 50), pct(ms, 95), pct(cpu, 50), sink % 10);
  return 0;
}
