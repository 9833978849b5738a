package io.burrow.mcp.zim.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * libzim-compatible mode against python3-libzim 8.1.1's recorded answers for the 14 queries of the committed
 * fixtures (zstd, xz, uncompressed and no-full-text variants): same estimated count, same top 10 in the same
 * order, same suggestions.
 */
final class LibzimParityTest {

    static Stream<Arguments> cases() {
        return Stream.of("peer-test-small", "peer-test-small-xz", "peer-test-small-none", "peer-test-small-noft")
                .flatMap(name -> GroundTruth.queries(GroundTruth.fixture(name + ".groundtruth.json")).stream()
                        .map(q -> Arguments.of(name, q)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void compatibleMode_matchesLibzim(String archive, GroundTruth.Query q) {
        try (TestArchives.Opened a = TestArchives.open(archive + ".zim")) {
            ZimSearcher s = a.searcher();
            if (q.fulltextEstimate() == null) {
                assertThat(s.hasFulltextIndex()).isFalse();
                assertThatThrownBy(() -> s.search(SearchRequest.of(q.query())))
                        .isInstanceOf(NoFulltextIndexException.class)
                        .extracting(e -> ((NoFulltextIndexException) e).code()).isEqualTo("NO_FULLTEXT_INDEX");
            } else {
                SearchResults r = s.search(SearchRequest.of(q.query()).withSnippets(false));
                assertThat(r.estimated()).as("estimated matches").isEqualTo(q.fulltextEstimate());
                assertThat(paths(r)).as("top 10").containsExactlyElementsOf(q.fulltextTop());
            }
            SearchResults sg = s.suggest(q.query(), 10);
            assertThat(sg.estimated()).as("suggestion estimate").isEqualTo(q.suggestEstimate());
            assertThat(paths(sg)).as("suggestions").containsExactlyElementsOf(q.suggestTop());
        }
    }

    private static List<String> paths(SearchResults r) {
        return r.results().stream().map(SearchHit::path).toList();
    }
}
