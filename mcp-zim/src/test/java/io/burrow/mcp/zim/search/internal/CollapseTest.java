package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The matcher collapses as it goes, keeping only the page; here every suggestion-like query of the fixture's title
 * index is checked against collapsing the whole uncollapsed result list: the best item of each key, in order.
 */
final class CollapseTest {

    private static final int TITLE = 0;
    private static final int TARGET = 1;

    @Test
    void collapsingAsItGoesGivesThePageAndCountOfCollapsingEverything() {
        GlassDatabase db = Fixtures.title();
        QueryParser parser = new XapianIndex(db, Optional.empty()).parser(QueryParser.Stem.NONE);
        long collapsedAway = 0;
        int pages = 0;
        for (char c = 'a'; c <= 'z'; c++) {
            XQuery q = parser.parse(String.valueOf(c), QueryParser.FLAG_DEFAULT | QueryParser.FLAG_PARTIAL);
            Matcher.Result all = Matcher.run(db, q,
                    new Matcher.Options(Bm25.SUGGESTION, TITLE, -1, null, null), 0, 100_000);
            List<Matcher.Hit> best = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Matcher.Hit h : all.hits()) {
                String key = db.value(TARGET, h.docid());
                if (key.isEmpty() || seen.add(key)) {
                    best.add(h);
                }
            }
            collapsedAway += all.hits().size() - best.size();
            for (int[] page : new int[][] {{0, 10}, {0, 1}, {3, 7}, {0, 1000}, {2, 0}}) {
                Matcher.Result r = Matcher.run(db, q,
                        new Matcher.Options(Bm25.SUGGESTION, TITLE, TARGET, null, null), page[0], page[1]);
                List<Matcher.Hit> want = best.subList(Math.min(page[0], best.size()),
                        Math.min(page[0] + page[1], best.size()));
                assertThat(r.hits()).as("'%s' from %d, %d", c, page[0], page[1]).isEqualTo(want);
                assertThat(r.matches()).isEqualTo(best.size());
                pages++;
            }
        }
        assertThat(pages).isEqualTo(26 * 5);
        assertThat(collapsedAway).as("some titles share a target (redirects)").isPositive();
    }
}
