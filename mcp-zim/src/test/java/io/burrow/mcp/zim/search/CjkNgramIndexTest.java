package io.burrow.mcp.zim.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * An index built with CJK n-grams (as newer libzim writes them): improved mode splits a CJK query into n-grams,
 * libzim 8.1.1's compatible mode searches the whole run as one word.
 */
final class CjkNgramIndexTest {

    private static SearchSource source() throws IOException {
        byte[] db;
        try (InputStream in = new GZIPInputStream(
                CjkNgramIndexTest.class.getResourceAsStream("/search/synthetic/synthetic.glass.gz"))) {
            db = in.readAllBytes();
        }
        IndexBlob blob = IndexBlob.of(db);
        return new SearchSource() {
            @Override
            public Optional<IndexBlob> fulltextIndex() {
                return Optional.of(blob);
            }

            @Override
            public Optional<IndexBlob> titleIndex() {
                return Optional.empty();
            }

            @Override
            public boolean newNamespaceScheme() {
                return true;
            }

            @Override
            public Optional<String> metadata(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<String> title(String path) {
                return Optional.empty();
            }

            @Override
            public Optional<String> mimeType(String path) {
                return Optional.of("text/html");
            }

            @Override
            public Optional<byte[]> content(String path, int maxBytes) {
                return Optional.empty();
            }

            @Override
            public TitleRange titlesWithPrefix(String prefix, int offset, int limit) {
                return new TitleRange(0, List.of());
            }
        };
    }

    @Test
    void improvedMode_splitsCjkRunsLikeTheIndex() throws IOException {
        ZimSearcher s = ZimSearcher.open(source());
        SearchResults compat = s.search(SearchRequest.of("東京タワー"));
        assertThat(compat.total()).isZero();
        SearchResults improved = s.search(SearchRequest.of("東京タワー").withMode(SearchMode.IMPROVED));
        assertThat(improved.results()).extracting(SearchHit::path).containsExactly("doc/01994.html");
        assertThat(improved.results().get(0).title()).as("title from the value slot when the archive has none")
                .startsWith("Document number 1994");
    }
}
