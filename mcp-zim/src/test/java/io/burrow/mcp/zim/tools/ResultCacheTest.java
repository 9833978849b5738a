package io.burrow.mcp.zim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result cache of the ZIM tools, through the MCP server: a repeated call is answered from it with the same answer,
 * calls whose normalised arguments differ are not, an archive whose file was replaced is never answered from it, and
 * it holds no more than its byte budget.
 */
final class ResultCacheTest {

    @TempDir
    Path dir;

    private static byte[] archive(String title) {
        ZimArchiveBuilder b = ZimArchiveBuilder.create().uuid(UUID.randomUUID()).metadata("Title", title)
                .metadata("Language", "eng").mainPath("index.html").addHtml("index.html", "Index",
                        "<html><body><h1>" + title + "</h1><p>Start at <a href=\"wiki/Mars.html\">Mars</a> or "
                                + "<a href=\"wiki/" + title + ".html\">" + title + "</a>.</p></body></html>");
        for (int i = 0; i < 30; i++) {
            b.addHtml("wiki/Page" + i + ".html", "Page " + i, "<html><body><h1>Page " + i + "</h1><h2 id=\"more\">More"
                    + "</h2><p>" + ("Text of page " + i + " about " + title + ". ").repeat(40) + "</p></body></html>");
        }
        return b.addHtml("wiki/" + title + ".html", title, "<html><body><p>Only in " + title + ".</p></body></html>")
                .addHtml("wiki/Mars.html", "Mars", "<html><body><h1>Mars</h1><h2 id=\"moons\">Moons</h2><p>Mars of "
                        + title + ", see <a href=\"Page1.html\">one</a>.</p></body></html>").toBytes();
    }

    /** The cache's statistics as the health tool reports them. */
    private static JsonNode stats(ZimTestServer zim) {
        return zim.call("health", Map.of()).at("/structuredContent/caches/zim.results");
    }

    /** The calls of every cached tool, on archive a.zim. */
    private static Map<String, Map<String, Object>> calls() {
        Map<String, Map<String, Object>> c = new LinkedHashMap<>();
        c.put("zim_search title", Map.of("zim_file_path", "a.zim", "query", "Page", "mode", "title"));
        c.put("zim_search suggest", Map.of("zim_file_path", "a.zim", "query", "ma", "mode", "suggest"));
        c.put("zim_get", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Mars.html"));
        c.put("zim_get main_page", Map.of("zim_file_path", "a.zim", "main_page", true));
        c.put("zim_get entry_paths", Map.of("zim_file_path", "a.zim", "entry_paths", List.of("wiki/Mars.html",
                "wiki/Page2.html")));
        c.put("zim_get_section", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Mars.html", "section_id", "moons"));
        c.put("zim_browse", Map.of("zim_file_path", "a.zim", "prefix", "wiki/"));
        c.put("zim_links", Map.of("zim_file_path", "a.zim", "entry_path", "index.html"));
        c.put("zim_metadata", Map.of("zim_file_path", "a.zim"));
        return c;
    }

    private static JsonNode call(ZimTestServer zim, String name, Map<String, Object> args) {
        return zim.call(name.split(" ")[0], args);
    }

    @Test
    void repeatedCall_ofEveryCachedTool_isAHit_withTheSameAnswer() throws Exception {
        Files.write(dir.resolve("a.zim"), archive("First"));
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            for (Map.Entry<String, Map<String, Object>> c : calls().entrySet()) {
                JsonNode first = call(zim, c.getKey(), c.getValue());
                JsonAssert.that(first).at("/isError").isFalse();
                long hits = stats(zim).path("hits").asLong();
                JsonNode again = call(zim, c.getKey(), c.getValue());
                assertThat(again).as(c.getKey()).isEqualTo(first);
                assertThat(stats(zim).path("hits").asLong()).as(c.getKey() + " hits").isEqualTo(hits + 1);
            }
        }
    }

    @Test
    void fulltextSearch_isCached_andDifferentNormalisedArguments_miss() {
        ZimTestServer.copyFixture("peer-test-small", dir, "a.zim");
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            JsonNode first = zim.call("zim_search", Map.of("query", "the"));
            JsonAssert.that(first).at("/structuredContent/results/0/snippet").exists();
            long misses = stats(zim).path("misses").asLong();
            long hits = stats(zim).path("hits").asLong();
            // the same after normalisation: defaults spelled out, the archive named
            assertThat(zim.call("zim_search", Map.of("query", "the", "limit", 10, "mode", "fulltext", "offset", 0,
                    "zim_file_path", "a.zim"))).isEqualTo(first);
            assertThat(zim.call("zim_search", Map.of("query", "the", "zim_file_path", "a"))).isEqualTo(first);
            assertThat(stats(zim).path("hits").asLong()).isEqualTo(hits + 2);
            assertThat(stats(zim).path("misses").asLong()).isEqualTo(misses);
            // different: each a miss with its own answer
            List<Map<String, Object>> others = List.of(Map.of("query", "The"), Map.of("query", "the", "limit", 3),
                    Map.of("query", "the", "offset", 2), Map.of("query", "the", "mode", "title"),
                    Map.of("query", "the", "mode", "suggest"), Map.of("query", "the", "namespace", "C"),
                    Map.of("query", "the", "cross_file", true));
            for (Map<String, Object> o : others) {
                JsonNode r = zim.call("zim_search", o);
                JsonAssert.that(r).at("/isError").isFalse();
            }
            assertThat(stats(zim).path("misses").asLong()).isEqualTo(misses + others.size());
            assertThat(stats(zim).path("hits").asLong()).isEqualTo(hits + 2);
            // a next page through the cursor is the same as the explicit offset
            JsonNode page = zim.call("zim_search", Map.of("query", "the", "limit", 3));
            String cursor = page.at("/structuredContent/next_cursor").asText();
            long before = stats(zim).path("hits").asLong();
            JsonNode viaCursor = zim.call("zim_search", Map.of("cursor", cursor));
            JsonNode viaOffset = zim.call("zim_search", Map.of("query", "the", "limit", 3, "offset", 3));
            assertThat(viaOffset).isEqualTo(viaCursor);
            assertThat(stats(zim).path("hits").asLong()).isEqualTo(before + 1);
        }
    }

    @Test
    void replacedArchive_isNeverAnsweredFromTheCache_forAnyTool() throws Exception {
        Path a = Files.write(dir.resolve("a.zim"), archive("First"));
        Path other = Files.createDirectories(dir.resolve("fresh"));
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            Map<String, Map<String, Object>> calls = calls();
            for (Map.Entry<String, Map<String, Object>> c : calls.entrySet()) {
                call(zim, c.getKey(), c.getValue());
                call(zim, c.getKey(), c.getValue()); // cached now
            }
            byte[] second = archive("Other"); // same length of title: a file of the same size
            Files.move(Files.write(dir.resolve("a.zim.part"), second), a, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.write(other.resolve("a.zim"), second);
            try (ZimTestServer fresh = ZimTestServer.over(other)) {
                for (Map.Entry<String, Map<String, Object>> c : calls.entrySet()) {
                    JsonNode now = call(zim, c.getKey(), c.getValue());
                    JsonNode truth = call(fresh, c.getKey(), c.getValue());
                    assertThat(comparable(now)).as(c.getKey()).isEqualTo(comparable(truth));
                }
            }
            JsonAssert.that(zim.call("zim_get", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Mars.html")))
                    .at("/structuredContent/content").textContains("Mars of Other");
            // rewritten in place (same inode), again a different archive
            Files.write(a, archive("Third"));
            JsonAssert.that(zim.call("zim_get", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Mars.html")))
                    .at("/structuredContent/content").textContains("Mars of Third");
            JsonAssert.that(zim.call("zim_search", Map.of("zim_file_path", "a.zim", "query", "Third", "mode", "title")))
                    .at("/structuredContent/results/0/path").isText("wiki/Third.html");
        }
    }

    @Test
    void replacedByAnArchiveWithoutIndex_theCachedFulltextSearchIsNotServed() {
        ZimTestServer.copyFixture("peer-test-small", dir, "a.zim");
        try (ZimTestServer zim = ZimTestServer.over(dir)) {
            JsonAssert.that(zim.call("zim_search", Map.of("query", "the"))).at("/isError").isFalse();
            JsonAssert.that(zim.call("zim_search", Map.of("query", "the"))).at("/isError").isFalse();
            Path noft = ZimTestServer.copyFixture("peer-test-small-noft", dir.resolve("tmp"), "a.zim");
            try {
                Files.move(noft, dir.resolve("a.zim"), StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            JsonAssert.that(zim.call("zim_search", Map.of("query", "the"))).isToolError("NO_FULLTEXT_INDEX");
        }
    }

    /** An answer without what differs between two servers of the same archive (none so far but cursors). */
    private static JsonNode comparable(JsonNode answer) {
        JsonNode c = answer.deepCopy();
        if (c.path("structuredContent") instanceof ObjectNode s) {
            s.remove("next_cursor");
        }
        return c;
    }

    @Test
    void theCache_staysWithinItsByteBudget_andCanBeTurnedOff() throws Exception {
        Files.write(dir.resolve("a.zim"), archive("First"));
        long budget = 512 * 1024;
        try (ZimTestServer zim = ZimTestServer.over(dir, "ZIM_RESULT_CACHE_BYTES", Long.toString(budget))) {
            for (int i = 0; i < 30; i++) {
                for (int max = 1000; max <= 3000; max += 1000) {
                    zim.call("zim_get", Map.of("zim_file_path", "a.zim", "entry_path", "wiki/Page" + i + ".html",
                            "max_content_length", max));
                }
            }
            JsonNode s = stats(zim);
            for (int i = 0; i < 50 && s.path("weight").asLong() > budget; i++) { // evictions run just after a write
                Thread.sleep(100);
                s = stats(zim);
            }
            assertThat(s.path("maximum").asLong()).isEqualTo(budget);
            assertThat(s.path("evictions").asLong()).isPositive();
            assertThat(s.path("weight").asLong()).isPositive().isLessThanOrEqualTo(budget);
        }
        try (ZimTestServer zim = ZimTestServer.over(dir, "ZIM_RESULT_CACHE_BYTES", "0")) {
            JsonNode first = zim.call("zim_metadata", Map.of());
            assertThat(zim.call("zim_metadata", Map.of())).isEqualTo(first);
            assertThat(stats(zim).isMissingNode()).isTrue();
        }
    }
}
