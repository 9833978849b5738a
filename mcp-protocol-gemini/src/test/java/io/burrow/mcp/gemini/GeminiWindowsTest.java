package io.burrow.mcp.gemini;

import static io.burrow.mcp.gemini.GeminiTestSupport.call;
import static io.burrow.mcp.gemini.GeminiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading past the cap for Gemini: windows at line ends, preformatted state kept, one download, refresh. */
final class GeminiWindowsTest {

    @TempDir
    Path dir;
    FakeGeminiServer capsule;
    BurrowServer server;

    @BeforeEach
    void start() {
        capsule = FakeGeminiServer.start();
        server = server(dir, Map.of("GEMINI_MAX_RENDERED_CHARS", "30"));
    }

    @AfterEach
    void stop() {
        server.close();
        capsule.close();
    }

    private JsonNode fetch(String path, Object... more) {
        List<Object> args = new ArrayList<>(List.of("url", capsule.url(path)));
        args.addAll(List.of(more));
        return call(server, "gemini_fetch", args.toArray());
    }

    private static final String PAGE = "# Title\n"                  // 8
            + "=> /one.gmi First link\n"                                // 23 (31)
            + "```art\n"                                                // 7 (38)
            + "+--+\n"                                                  // 5 (43)
            + "|  |\n"                                                  // 5 (48)
            + "```\n"                                                   // 4 (52)
            + "A paragraph that is rather longer than thirty characters.\n"
            + "* item\n";

    @Test
    void gemtext_windowsEndAtLineEnds_keepPreformatting_andComeFromOneDownload() {
        capsule.dispatcher(req -> GeminiResponse.success("text/gemini", PAGE));
        List<JsonNode> lines = new ArrayList<>();
        Integer offset = 0;
        int windows = 0;
        boolean sawPartial = false;
        while (offset != null && windows < 20) {
            JsonNode w = offset == 0 ? fetch("/p.gmi") : fetch("/p.gmi", "offset", offset);
            assertThat(w.path("kind").asText()).isEqualTo("gemtext");
            assertThat(w.path("total_chars").asInt()).isEqualTo(PAGE.length());
            w.path("document").path("lines").forEach(lines::add);
            sawPartial |= w.path("partial_line").asBoolean();
            int next = w.path("next_offset").isNull() ? -1 : w.path("next_offset").asInt();
            if (next > 0 && !w.path("partial_line").asBoolean()) {
                assertThat(PAGE.charAt(next - 1)).as("a window ends at a line end").isEqualTo('\n');
            }
            offset = next < 0 ? null : next;
            windows++;
        }
        assertThat(offset).isNull();
        assertThat(capsule.requestCount()).as("one download for all windows").isEqualTo(1);
        assertThat(sawPartial).as("the 58-character paragraph is longer than a window").isTrue();
        assertThat(lines.get(0).path("type").asText()).isEqualTo("heading1");
        assertThat(lines.get(1).path("url").asText()).isEqualTo(capsule.url("/one.gmi"));
        // the window starting inside the preformatted block keeps it preformatted
        assertThat(lines.stream().filter(l -> l.path("type").asText().equals("preformat")).map(l -> l.path("text").asText()))
                .anySatisfy(t -> assertThat(t).contains("|  |"));
        assertThat(lines.stream().map(l -> l.path("type").asText())).doesNotContain("quote").contains("list");
    }

    @Test
    void plainText_windowsNeverSplitASurrogatePair_andRefreshDownloadsAgain() {
        String text = "x".repeat(29) + "\uD83D\uDE00" + "tail";
        int[] n = {0};
        capsule.dispatcher(req -> GeminiResponse.success("text/plain", (++n[0]) + text));
        JsonNode first = fetch("/t.txt");
        assertThat(first.path("content").asText()).isEqualTo("1" + "x".repeat(29));
        assertThat(first.path("next_offset").asInt()).isEqualTo(30);
        JsonNode second = fetch("/t.txt", "offset", 30);
        assertThat(second.path("content").asText()).isEqualTo("\uD83D\uDE00tail");
        assertThat(second.path("next_offset").isNull()).isTrue();
        assertThat(second.path("request_info").path("cached").asBoolean()).isTrue();
        assertThat(second.path("request_info").path("cached_at").asText())
                .isEqualTo(first.path("request_info").path("timestamp").asText());
        JsonNode cached = fetch("/t.txt");
        assertThat(cached.path("request_info").path("cache_age_seconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(capsule.requestCount()).isEqualTo(1);
        JsonNode fresh = fetch("/t.txt", "refresh", true);
        assertThat(fresh.path("content").asText()).startsWith("2");
        assertThat(fresh.path("request_info").has("cached")).isFalse();
        assertThat(capsule.requestCount()).isEqualTo(2);
    }

    @Test
    void offsetPastTheEnd_isInvalid() {
        capsule.dispatcher(req -> GeminiResponse.success("text/plain", "short"));
        JsonNode r = fetch("/s.txt", "offset", 50);
        assertThat(r.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void aPageWithAQuery_isNeverCached_butItsLaterWindowsComeFromOneDownload() {
        int[] n = {0};
        capsule.dispatcher(req -> GeminiResponse.success("text/plain", (++n[0]) + " for " + req.query() + " "
                + "y".repeat(80)));
        JsonNode first = fetch("/q.txt", "input", "secret");
        assertThat(first.path("next_offset").asInt()).isEqualTo(30);
        assertThat(first.path("request_info").has("cached")).isFalse();
        JsonNode second = fetch("/q.txt", "input", "secret", "offset", 30);
        JsonNode third = fetch("/q.txt", "input", "secret", "offset", 60);
        assertThat(capsule.requestCount()).as("one download for three windows").isEqualTo(1);
        assertThat(second.path("request_info").path("cached").asBoolean()).isTrue();
        assertThat(second.path("request_info").path("offset").asInt()).isEqualTo(30);
        assertThat(third.path("content").asText()).isEqualTo("y".repeat(30));
        assertThat(second.toString()).doesNotContain("secret");
        // the held download is the server's named cache gemini.windows, with its statistics in health
        JsonNode held = call(server, "health").at("/caches/gemini.windows");
        assertThat(held.path("hits").asLong()).as("held download served twice: %s", held).isEqualTo(2);

        // another query is another request; a first window (or refresh) downloads again
        fetch("/q.txt", "input", "other", "offset", 30);
        assertThat(capsule.requestCount()).isEqualTo(2);
        JsonNode again = fetch("/q.txt", "input", "secret");
        assertThat(again.path("content").asText()).startsWith("3 for secret");
        assertThat(again.path("request_info").has("cached")).isFalse();
        JsonNode refreshed = fetch("/q.txt", "input", "secret", "offset", 30, "refresh", true);
        assertThat(refreshed.path("request_info").has("cached")).isFalse();
        assertThat(capsule.requestCount()).isEqualTo(4);
    }

    @Test
    void withCachingOff_laterWindowsStillComeFromOneDownload() {
        server.close();
        server = server(dir, Map.of("GEMINI_MAX_RENDERED_CHARS", "30", "GEMINI_CACHE_ENABLED", "false"));
        capsule.dispatcher(req -> GeminiResponse.success("text/gemini", PAGE));
        JsonNode first = fetch("/p.gmi");
        JsonNode second = fetch("/p.gmi", "offset", first.path("next_offset").asInt());
        assertThat(second.path("request_info").path("cached").asBoolean()).isTrue();
        assertThat(capsule.requestCount()).isEqualTo(1);
        fetch("/p.gmi");
        assertThat(capsule.requestCount()).as("a first window is a fresh download").isEqualTo(2);
    }
}
