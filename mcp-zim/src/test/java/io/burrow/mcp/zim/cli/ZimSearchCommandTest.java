package io.burrow.mcp.zim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code zim search}, {@code zim suggest} and the search part of {@code zim bench} on the committed fixtures. */
final class ZimSearchCommandTest {

    private static String small() {
        return ZimCommandTest.fixtures().resolve("peer-test-small.zim").toString();
    }

    private static JsonNode json(ZimCommandTest.Result r) throws Exception {
        assertThat(r.status()).as(r.err()).isZero();
        return Json.parse(r.text());
    }

    private static List<String> paths(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.get("results").forEach(h -> out.add(h.get("path").asText()));
        return out;
    }

    @Test
    void search_printsQueryEstimateAndResults() throws Exception {
        JsonNode n = json(ZimCommandTest.zim("search", small(), "zim file", "--libzim-compatible"));
        assertThat(n.get("query").asText()).isEqualTo("zim file");
        assertThat(n.get("estimated").asLong()).isEqualTo(7);
        assertThat(paths(n)).startsWith("wiki/ZIM_(file_format).html", "wiki/Kiwix.html").hasSize(7);
        JsonNode first = n.get("results").get(0);
        assertThat(first.get("title").asText()).isEqualTo("ZIM (file format)");
        assertThat(first.get("score").asDouble()).isPositive();
        assertThat(first.get("snippet").asText()).containsIgnoringCase("<b>zim</b>");
    }

    @Test
    void search_pagesWithLimitAndOffset() throws Exception {
        List<String> all = paths(json(ZimCommandTest.zim("search", small(), "protocol", "--limit", "32")));
        List<String> page = paths(json(ZimCommandTest.zim("search", small(), "protocol", "--limit", "5", "--offset", "5")));
        assertThat(page).containsExactlyElementsOf(all.subList(5, 10));
    }

    @Test
    void search_defaultsToImprovedMode_andCompatibleFlagGivesLibzimsAnswer() throws Exception {
        assertThat(json(ZimCommandTest.zim("search", small(), "Zürich")).get("estimated").asLong()).isEqualTo(6);
        assertThat(json(ZimCommandTest.zim("search", small(), "Zürich", "--libzim-compatible")).get("estimated")
                .asLong()).isZero();
    }

    @Test
    void search_withoutFulltextIndex_failsWithTheCode() {
        ZimCommandTest.Result r = ZimCommandTest.zim("search",
                ZimCommandTest.fixtures().resolve("peer-test-small-noft.zim").toString(), "protocol");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("NO_FULLTEXT_INDEX");
    }

    @Test
    void suggest_printsTitles() throws Exception {
        JsonNode n = json(ZimCommandTest.zim("suggest", small(), "lov"));
        assertThat(paths(n)).containsExactly("wiki/Ada_Lovelace.html");
        assertThat(n.get("results").get(0).get("title").asText()).isEqualTo("Ada Lovelace");
        assertThat(n.get("results").get(0).has("snippet")).isFalse();
        JsonNode noft = json(ZimCommandTest.zim("suggest",
                ZimCommandTest.fixtures().resolve("peer-test-small-noft.zim").toString(), "protocol", "--limit", "2"));
        assertThat(noft.get("estimated").asLong()).isEqualTo(10);
        assertThat(noft.get("results")).hasSize(2);
    }

    @Test
    void search_rejectsABadLimit() {
        assertThat(ZimCommandTest.zim("search", small(), "x", "--limit", "5000").status()).isEqualTo(2);
    }

    @Test
    void bench_reportsSearchLatencies() throws Exception {
        JsonNode n = json(ZimCommandTest.zim("bench", small(), "--reads", "50", "--query", "protocol", "--query",
                "lov", "--search-rounds", "3", "--warmup-rounds", "1"));
        for (String k : List.of("search_median_ms", "search_p95_ms", "suggest_median_ms", "suggest_p95_ms")) {
            assertThat(n.get(k).asDouble()).as(k).isPositive();
        }
        assertThat(n.get("search_p95_ms").asDouble()).isGreaterThanOrEqualTo(n.get("search_median_ms").asDouble());
    }

    @Test
    void percentile_isNearestRank() {
        assertThat(SearchBench.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50)).isEqualTo(2.0);
        assertThat(SearchBench.percentile(List.of(5.0, 1.0, 4.0, 2.0, 3.0), 95)).isEqualTo(5.0);
        assertThat(SearchBench.percentile(List.of(), 50)).isZero();
    }
}
