// Prints what libstdc++'s std::nth_element does with arrays full of ties, for StdHeapTest
// (mcp-zim/src/test/resources/search/nth-element-libstdc++.txt). Xapian 1.4 keeps a wildcard's most frequent
// terms with it, so which of the terms sharing the cut-off frequency stay is libstdc++'s choice.
// Build: g++ -O2 -o nth nth-element-expectations.cpp && ./nth > nth-element-libstdc++.txt
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

int main() {
  uint64_t seed = 7;
  auto next = [&seed](int bound) {  // the same generator as the test
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((seed >> 33) % bound);
  };
  const int sizes[] = {2, 4, 5, 17, 100, 101, 150, 1000, 2273};
  for (int n : sizes) {
    for (int distinct : {2, 10, 1000}) {
      std::vector<std::pair<int, int>> v;  // (frequency, id)
      for (int i = 0; i < n; i++) v.push_back({next(distinct), i});
      int nth = n > 100 ? 99 : n / 2;
      std::nth_element(v.begin(), v.begin() + nth, v.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      std::printf("%d %d %d:", n, distinct, nth);
      for (auto& p : v) std::printf(" %d", p.second);
      std::printf("\n");
    }
  }
}
