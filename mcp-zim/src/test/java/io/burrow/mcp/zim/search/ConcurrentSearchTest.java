package io.burrow.mcp.zim.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One searcher shared by several threads gives every thread the single-threaded answers. */
final class ConcurrentSearchTest {

    @Test
    void sharedSearcher_isThreadSafe() throws Exception {
        List<String> queries = List.of("protocol", "zim file", "mars OR jupiter", "lov", "Zurich", "quasar -saturn",
                "\"three-way handshake\"", "東京", "gopher");
        try (TestArchives.Opened a = TestArchives.open("peer-test-small.zim")) {
            ZimSearcher s = a.searcher();
            List<String> expected = new ArrayList<>();
            for (String q : queries) {
                expected.add(describe(s, q));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<String>>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    futures.add(pool.submit(() -> {
                        List<String> got = new ArrayList<>();
                        for (int round = 0; round < 8; round++) {
                            got.clear();
                            for (String q : queries) {
                                got.add(describe(s, q));
                            }
                        }
                        return got;
                    }));
                }
                for (Future<List<String>> f : futures) {
                    assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String describe(ZimSearcher s, String q) {
        SearchResults r = s.search(SearchRequest.of(q).withMode(SearchMode.IMPROVED));
        SearchResults g = s.suggest(q, 10);
        return q + " " + r.estimated() + " " + r.results() + " " + g.estimated() + " " + g.results();
    }
}
