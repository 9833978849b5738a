package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.code;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.SchemaAssert;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reading past the cap: windows of long texts and menus from one download; refresh; search; cache fields. */
final class GopherWindowsTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private BurrowServer server = TestSupport.server(Map.of("GOPHER_MAX_RENDERED_CHARS", "10",
            "GOPHER_MAX_MENU_ITEMS", "4"));

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    private ToolCallResult fetch(String url, Object... more) {
        ObjectNode args = Json.object().put("url", url);
        for (int i = 0; i < more.length; i += 2) {
            args.set((String) more[i], Json.valueToTree(more[i + 1]));
        }
        ToolCallResult r = ToolCallResult.of(server.callTool("gopher_fetch", args));
        JsonNode tool = server.advertisedTools().stream().filter(t -> t.path("name").asText().equals("gopher_fetch"))
                .findFirst().orElseThrow();
        SchemaAssert.matches(tool.path("outputSchema"), r.structured());
        return r;
    }

    @Test
    void longText_isReadInWindows_fromOneDownload() {
        String text = "abcdefghijklmnopqrstuvwxyz";
        gopher.dispatcher(req -> GopherResponse.text(text));
        StringBuilder read = new StringBuilder();
        Integer offset = 0;
        int windows = 0;
        while (offset != null) {
            JsonNode s = structured(fetch(gopher.url('0', "/abc"), "offset", offset));
            read.append(s.path("text").asText());
            assertThat(s.path("total_chars").asInt()).isEqualTo(26);
            assertThat(s.has("next_offset")).as("next_offset is always present").isTrue();
            offset = s.path("next_offset").isNull() ? null : s.path("next_offset").asInt();
            if (windows > 0) {
                assertThat(s.path("request_info").path("cached").asBoolean()).isTrue();
                assertThat(s.path("request_info").path("cached_at").asText()).isNotEmpty();
                assertThat(s.path("request_info").path("cache_age_seconds").asLong()).isGreaterThanOrEqualTo(0);
                assertThat(s.path("request_info").path("offset").asInt()).isEqualTo(windows * 10);
            }
            windows++;
        }
        assertThat(read.toString()).isEqualTo(text);
        assertThat(windows).isEqualTo(3);
        assertThat(gopher.requestCount()).as("one download for every window").isEqualTo(1);
    }

    @Test
    void windows_neverSplitASurrogatePair() {
        String text = "123456789\uD83D\uDE00abc"; // the emoji straddles the 10-character cap
        gopher.dispatcher(req -> GopherResponse.text(text));
        JsonNode first = structured(fetch(gopher.url('0', "/e")));
        assertThat(first.path("text").asText()).isEqualTo("123456789");
        assertThat(first.path("next_offset").asInt()).isEqualTo(9);
        JsonNode second = structured(fetch(gopher.url('0', "/e"), "offset", 9));
        assertThat(second.path("text").asText()).isEqualTo("\uD83D\uDE00abc");
        assertThat(second.path("next_offset").isNull()).isTrue();
    }

    @Test
    void longMenu_isReadInWindowsOfItems() {
        FakeGopherServer.MenuBuilder m = gopher.menu();
        for (int i = 0; i < 10; i++) {
            m.item('0', "f" + i, "/f" + i);
        }
        GopherResponse menu = m.build();
        gopher.dispatcher(req -> menu);
        JsonNode first = structured(fetch(gopher.rootUrl()));
        assertThat(first.path("items")).hasSize(4);
        assertThat(first.path("total_items").asInt()).isEqualTo(10);
        assertThat(first.path("next_offset").asInt()).isEqualTo(4);
        assertThat(first.path("truncated").asBoolean()).isTrue();
        JsonNode last = structured(fetch(gopher.rootUrl(), "offset", 8));
        assertThat(last.path("items")).hasSize(2);
        assertThat(last.path("items").get(0).path("title").asText()).isEqualTo("f8");
        assertThat(last.path("next_offset").isNull()).isTrue();
        assertThat(last.path("truncated").asBoolean()).isFalse();
        assertThat(gopher.requestCount()).isEqualTo(1);
    }

    @Test
    void offsetPastTheEnd_isInvalid() {
        gopher.dispatcher(req -> GopherResponse.text("short"));
        ToolCallResult r = fetch(gopher.url('0', "/s"), "offset", 99);
        assertThat(code(r)).isEqualTo("INVALID_REQUEST");
        assertThat(structured(r).path("error").path("total_chars").asInt()).isEqualTo(5);
    }

    @Test
    void refresh_bypassesAndReplacesTheCachedAnswerAndItsWindows() {
        int[] version = {0};
        gopher.dispatcher(req -> GopherResponse.text("version " + (++version[0]) + " of a long text"));
        JsonNode first = structured(fetch(gopher.url('0', "/v")));
        assertThat(first.path("text").asText()).isEqualTo("version 1 ");
        JsonNode cached = structured(fetch(gopher.url('0', "/v")));
        assertThat(cached.path("request_info").path("cached").asBoolean()).isTrue();
        assertThat(cached.path("request_info").path("cached_at").asText())
                .isEqualTo(first.path("request_info").path("timestamp").asText());
        JsonNode fresh = structured(fetch(gopher.url('0', "/v"), "refresh", true));
        assertThat(fresh.path("text").asText()).isEqualTo("version 2 ");
        assertThat(fresh.path("request_info").has("cached")).isFalse();
        JsonNode window = structured(fetch(gopher.url('0', "/v"), "offset", 10));
        assertThat(window.path("text").asText()).as("the windows of the new download").isEqualTo("of a long ");
        assertThat(gopher.requestCount()).isEqualTo(2);
    }

    @Test
    void search_isSentRaw_forTypeSevenOnly() {
        gopher.dispatcher(req -> gopher.menu().info("found " + req.search()).build());
        JsonNode r = structured(fetch(gopher.url('7', "/find?old"), "search", "two words & more"));
        assertThat(r.path("items").get(0).path("title").asText()).isEqualTo("found two words & more");
        assertThat(r.path("request_info").path("search").asText()).isEqualTo("two words & more");
        assertThat(code(fetch(gopher.url('0', "/text"), "search", "x"))).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void batch_refresh_bypassesTheCache() {
        int[] n = {0};
        gopher.dispatcher(req -> GopherResponse.text("n" + (++n[0])));
        var args = Json.object();
        args.putArray("urls").add(gopher.url('0', "/a"));
        ToolCallResult.of(server.callTool("gopher_batch_fetch", args));
        JsonNode cached = ToolCallResult.of(server.callTool("gopher_batch_fetch", args)).structured();
        assertThat(cached.path("results").get(0).path("text").asText()).isEqualTo("n1");
        args.put("refresh", true);
        JsonNode fresh = ToolCallResult.of(server.callTool("gopher_batch_fetch", args)).structured();
        assertThat(fresh.path("results").get(0).path("text").asText()).isEqualTo("n2");
    }
}
