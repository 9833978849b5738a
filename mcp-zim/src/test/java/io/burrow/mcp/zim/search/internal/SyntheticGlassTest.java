package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burrow.mcp.zim.search.IndexBlob;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 5,000-document database written by Xapian 1.4.22 (scripts/zim/make-test-glass.py): multi-chunk posting
 * lists, branch levels, stop words in the metadata, compressed document data, CJK n-gram terms. Parses,
 * estimates, the first 20 results and their weights must equal what Xapian itself recorded.
 */
final class SyntheticGlassTest {

    private static final GlassDatabase DB = open();
    private static final JsonNode EXPECTED = expected();

    private static GlassDatabase open() {
        try (InputStream in = new GZIPInputStream(
                SyntheticGlassTest.class.getResourceAsStream("/search/synthetic/synthetic.glass.gz"))) {
            return GlassDatabase.open(IndexBlob.of(in.readAllBytes()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode expected() {
        try (InputStream in = SyntheticGlassTest.class.getResourceAsStream(
                "/search/synthetic/synthetic-expected.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> queries() {
        List<Arguments> out = new ArrayList<>();
        EXPECTED.get("queries").forEach(q -> out.add(Arguments.of(q.get("query").asText(), q)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void query_matchesXapian(String query, JsonNode want) {
        XapianIndex idx = new XapianIndex(DB, Optional.empty());
        int flags = QueryParser.FLAG_DEFAULT | (want.get("cjk").asBoolean() ? QueryParser.FLAG_CJK_NGRAM : 0);
        XQuery q = idx.parser(QueryParser.Stem.ALL).parse(query, flags);
        assertThat(XQuery.describe(q)).isEqualTo(want.get("parsed").asText());
        Matcher.Result r = Matcher.run(DB, q, Matcher.Options.relevance(Bm25.DEFAULT), 0, 20);
        assertThat(r.estimated()).as("estimate").isEqualTo(want.get("estimated").asLong());
        JsonNode top = want.get("top");
        assertThat(r.hits()).hasSize(top.size());
        for (int i = 0; i < top.size(); i++) {
            assertThat(r.hits().get(i).docid()).as("docid #%d", i).isEqualTo(top.get(i).get(0).asLong());
            assertThat(r.hits().get(i).weight()).as("weight #%d", i).isCloseTo(top.get(i).get(1).asDouble(),
                    within(1e-12));
        }
    }

    @Test
    void structure_coversMultiChunkPostingsAndDeepTrees() {
        assertThat(DB.docCount()).isEqualTo(5000);
        assertThat(DB.version().postlist().level()).isGreaterThanOrEqualTo(1);
        PostingList pl = DB.postings("protocol");
        long n = 0;
        long prev = 0;
        for (long d = pl.next(); d != PostingList.END; d = pl.next()) {
            assertThat(d).isGreaterThan(prev);
            prev = d;
            n++;
        }
        assertThat(n).isEqualTo(pl.termFreq()).isGreaterThan(4000);
        PostingList skip = DB.postings("protocol");
        assertThat(skip.skipTo(4990)).isBetween(4990L, 5000L);
        assertThat(DB.documentData(4321)).isEqualTo("C/doc/04320.html");
        assertThat(DB.metadata("stopwords")).contains("the");
        long total = 0;
        for (long d = 1; d <= 5000; d++) {
            total += DB.docLength(d);
        }
        assertThat(total).isEqualTo(DB.totalLength());
    }
}
