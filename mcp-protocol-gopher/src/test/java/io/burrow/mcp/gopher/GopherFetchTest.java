package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.code;
import static io.burrow.mcp.gopher.TestSupport.fetch;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static io.burrow.mcp.gopher.TestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import io.burrow.mcp.testkit.gopher.RecordedGopherRequest;
import io.burrow.mcp.testkit.SchemaAssert;
import io.burrow.mcp.testkit.ToolCallResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class GopherFetchTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private BurrowServer server = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false"));

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    private void reconfigure(Map<String, String> env) {
        server.close();
        java.util.Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("GOPHER_CACHE_ENABLED", "false");
        server = TestSupport.server(all);
    }

    private void assertMatchesOutputSchema(String tool, ToolCallResult r) {
        JsonNode t = server.advertisedTools().stream().filter(x -> x.path("name").asText().equals(tool)).findFirst()
                .orElseThrow();
        SchemaAssert.matches(t.path("outputSchema"), r.structured());
    }

    @Test
    void fetch_menu_returnsItemsWithNextUrlsAndRequestInfo() throws Exception {
        gopher.enqueue(gopher.menu().info("Welcome").item('0', "About", "/about.txt").item('1', "Docs", "/docs")
                .item('h', "Web", "URL:https://example.org/").build());
        ToolCallResult r = fetch(server, gopher.rootUrl());
        assertThat(r.isError()).isFalse();
        JsonNode s = structured(r);
        assertThat(s.path("kind").asText()).isEqualTo("menu");
        assertThat(s.path("truncated").asBoolean()).isFalse();
        assertThat(s.path("items")).hasSize(4);
        assertThat(s.path("items").get(0).path("type").asText()).isEqualTo("i");
        assertThat(s.path("items").get(1).path("next_url").asText()).isEqualTo(gopher.url('0', "/about.txt"));
        assertThat(s.path("items").get(3).path("next_url").asText()).isEqualTo("https://example.org/");
        JsonNode info = s.path("request_info");
        assertThat(info.path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(info.path("port").asInt()).isEqualTo(gopher.port());
        assertThat(info.path("type").asText()).isEqualTo("1");
        assertThat(info.path("timestamp").asText()).isNotEmpty();
        assertThat(info.has("cached")).isFalse();
        assertThat(text(r)).contains("[0]  About  <" + gopher.url('0', "/about.txt") + ">");
        assertThat(gopher.takeRequest(1, TimeUnit.SECONDS).selector()).isEmpty();
        assertMatchesOutputSchema("gopher_fetch", r);
    }

    @Test
    void fetch_text_returnsCleanTextAndRawSize() throws Exception {
        gopher.enqueue(GopherResponse.text("Zürich\r\n.\r\nend\r\n"));
        ToolCallResult r = fetch(server, gopher.url('0', "/z.txt"));
        JsonNode s = structured(r);
        assertThat(s.path("kind").asText()).isEqualTo("text");
        assertThat(s.path("text").asText()).isEqualTo("Zürich\n.\nend\n");
        assertThat(s.path("charset").asText()).isEqualTo("utf-8");
        assertThat(s.path("bytes").asLong()).isEqualTo(17);
        assertThat(s.path("truncated").asBoolean()).isFalse();
        assertThat(text(r)).isEqualTo("Zürich\n.\nend\n");
        assertThat(gopher.takeRequest().line()).isEqualTo("/z.txt");
        assertMatchesOutputSchema("gopher_fetch", r);
    }

    @Test
    void fetch_dotTerminatedText_isUnframed() {
        gopher.enqueue(GopherResponse.dotTerminatedText("a\n.hidden\nb\n"));
        assertThat(structured(fetch(server, gopher.url('0', "/f"))).path("text").asText()).isEqualTo("a\n.hidden\nb\n");
    }

    @Test
    void fetch_binary_returnsMetadataOnly() {
        byte[] png = TestSupport.raw("10-image-png.raw");
        gopher.enqueue(GopherResponse.bytes(png));
        ToolCallResult r = fetch(server, gopher.url('I', "/files/logo"));
        JsonNode s = structured(r);
        assertThat(s.path("kind").asText()).isEqualTo("binary");
        assertThat(s.path("bytes").asLong()).isEqualTo(png.length);
        assertThat(s.path("mime_type").asText()).isEqualTo("image/png");
        assertThat(s.has("text")).isFalse();
        assertThat(r.toString()).doesNotContain("IHDR");
        assertMatchesOutputSchema("gopher_fetch", r);
    }

    @Test
    void fetch_search_sendsTabAndQuery() throws Exception {
        gopher.enqueue(gopher.menu().item('0', "hit", "/hit.txt").build());
        JsonNode s = structured(fetch(server, gopher.url('7', "/cgi-bin/search?Z%C3%BCrich%20x")));
        assertThat(s.path("kind").asText()).isEqualTo("menu");
        assertThat(s.path("request_info").path("search").asText()).isEqualTo("Zürich x");
        RecordedGopherRequest req = gopher.takeRequest();
        assertThat(req.selector()).isEqualTo("/cgi-bin/search");
        assertThat(req.search()).isEqualTo("Zürich x");
    }

    @Test
    void fetch_nonSearchType_neverSendsTab_andNotesTheSearchIgnored() throws Exception {
        gopher.enqueue(GopherResponse.text("x"));
        ToolCallResult r = fetch(server, gopher.url('0', "/a%09b"));
        RecordedGopherRequest req = gopher.takeRequest();
        assertThat(req.line()).isEqualTo("/a");
        assertThat(req.search()).isNull();
        assertThat(r.isError()).isFalse();
        assertThat(structured(r).path("request_info").path("search_ignored").asBoolean()).isTrue();
        assertThat(structured(r).path("request_info").has("search")).isFalse();
        assertThat(text(r)).contains("[search ignored: only type-7 items take a search; this item has type 0]");
        assertMatchesOutputSchema("gopher_fetch", r);

        gopher.enqueue(GopherResponse.text("y"));
        ToolCallResult plain = fetch(server, gopher.url('0', "/a"));
        assertThat(structured(plain).path("request_info").has("search_ignored")).isFalse();
        assertThat(text(plain)).doesNotContain("search ignored");
    }

    @Test
    void fetch_searchArgumentOnANonSearchItem_isAClearError_withoutConnecting() {
        ToolCallResult r = ToolCallResult.of(server.callTool("gopher_fetch", Json.object()
                .put("url", gopher.url('0', "/about.txt")).put("search", "terms")));
        assertThat(code(r)).isEqualTo("INVALID_REQUEST");
        assertThat(structured(r).path("error").path("message").asText()).contains("type-7");
        assertThat(gopher.connectionCount()).isZero();
    }

    @Test
    void fetch_interactiveType_isNotFetchableWithoutConnecting() {
        ToolCallResult r = fetch(server, gopher.url('8', "/session"));
        assertThat(r.isError()).isTrue();
        JsonNode s = structured(r);
        assertThat(s.path("error").path("code").asText()).isEqualTo("NOT_FETCHABLE");
        assertThat(s.path("error").path("hint").asText()).contains("127.0.0.1:" + gopher.port(), "telnet");
        assertThat(s.path("error").path("port").asInt()).isEqualTo(gopher.port());
        assertThat(s.path("request_info").path("type").asText()).isEqualTo("8");
        assertThat(gopher.connectionCount()).isZero();
        assertMatchesOutputSchema("gopher_fetch", r);
    }

    @Test
    void fetch_invalidUrl_isInvalidRequestWithRequestInfo() {
        ToolCallResult r = fetch(server, "http://example.org/");
        assertThat(r.isError()).isTrue();
        JsonNode s = structured(r);
        assertThat(s.path("kind").asText()).isEqualTo("error");
        assertThat(s.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(s.path("request_info").path("url").asText()).isEqualTo("http://example.org/");
        assertThat(s.path("request_info").path("timestamp").asText()).isNotEmpty();
    }

    @Test
    void fetch_oversizeText_isTruncatedWithBytesRead() {
        reconfigure(Map.of("GOPHER_MAX_RESPONSE_SIZE", "2048"));
        gopher.enqueue(GopherResponse.text("0123456789abcdef\n".repeat(1000)));
        JsonNode s = structured(fetch(server, gopher.url('0', "/big")));
        assertThat(s.path("kind").asText()).isEqualTo("text");
        assertThat(s.path("truncated").asBoolean()).isTrue();
        assertThat(s.path("bytes").asLong()).isEqualTo(2048);
        assertThat(s.path("text").asText()).startsWith("0123456789abcdef\n").hasSize(2048);
    }

    @Test
    void fetch_oversizeWithRejectSetting_isTooLarge() {
        reconfigure(Map.of("GOPHER_MAX_RESPONSE_SIZE", "2048", "GOPHER_OVERSIZE", "reject"));
        gopher.enqueue(GopherResponse.text("x".repeat(5000)));
        ToolCallResult r = fetch(server, gopher.url('0', "/big"));
        assertThat(code(r)).isEqualTo("TOO_LARGE");
        assertThat(structured(r).path("error").path("message").asText()).contains("2048");
    }

    @Test
    void fetch_exactlyTheCap_isNotTruncated() {
        reconfigure(Map.of("GOPHER_MAX_RESPONSE_SIZE", "2048", "GOPHER_OVERSIZE", "reject"));
        gopher.enqueue(GopherResponse.bytes(new byte[2048]));
        JsonNode s = structured(fetch(server, gopher.url('9', "/exact.bin")));
        assertThat(s.path("bytes").asLong()).isEqualTo(2048);
        assertThat(s.path("truncated").asBoolean()).isFalse();
    }

    @Test
    void fetch_oversizeBinary_isMetadataMarkedTruncated() {
        reconfigure(Map.of("GOPHER_MAX_RESPONSE_SIZE", "2048"));
        gopher.enqueue(GopherResponse.bytes(new byte[10_000]));
        JsonNode s = structured(fetch(server, gopher.url('9', "/big.zip")));
        assertThat(s.path("kind").asText()).isEqualTo("binary");
        assertThat(s.path("truncated").asBoolean()).isTrue();
        assertThat(s.path("bytes").asLong()).isEqualTo(2048);
        assertThat(s.path("mime_type").asText()).isEqualTo("application/zip");
    }

    @Test
    void fetch_menuItemCap_truncates() {
        reconfigure(Map.of("GOPHER_MAX_MENU_ITEMS", "3"));
        FakeGopherServer.MenuBuilder m = gopher.menu();
        for (int i = 0; i < 10; i++) {
            m.item('0', "f" + i, "/f" + i);
        }
        gopher.enqueue(m.build());
        JsonNode s = structured(fetch(server, gopher.rootUrl()));
        assertThat(s.path("items")).hasSize(3);
        assertThat(s.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void fetch_renderedCharsCap_truncatesText() {
        reconfigure(Map.of("GOPHER_MAX_RENDERED_CHARS", "10"));
        gopher.enqueue(GopherResponse.text("abcdefghijklmnopqrstuvwxyz"));
        ToolCallResult r = fetch(server, gopher.url('0', "/t"));
        JsonNode s = structured(r);
        assertThat(s.path("text").asText()).isEqualTo("abcdefghij");
        assertThat(s.path("truncated").asBoolean()).isTrue();
        assertThat(s.path("bytes").asLong()).isEqualTo(26);
        assertThat(s.path("next_offset").asInt()).isEqualTo(10);
        assertThat(s.path("total_chars").asInt()).isEqualTo(26);
        assertThat(text(r)).contains("[more: 16 of 26 characters follow; fetch again with offset=10");
    }

    @Test
    void fetch_selectorAndSearchLimits_areEnforcedWithoutConnecting() {
        reconfigure(Map.of("GOPHER_MAX_SELECTOR_LENGTH", "8", "GOPHER_MAX_SEARCH_LENGTH", "4",
                "GOPHER_MAX_URL_LENGTH", "60"));
        assertThat(code(fetch(server, gopher.url('0', "/123456789")))).isEqualTo("INVALID_REQUEST");
        assertThat(code(fetch(server, gopher.url('7', "/s?12345")))).isEqualTo("INVALID_REQUEST");
        assertThat(code(fetch(server, gopher.url('0', "/" + "x".repeat(40))))).isEqualTo("INVALID_REQUEST");
        assertThat(code(fetch(server, gopher.url('0', "/a%0Ab")))).isEqualTo("INVALID_REQUEST");
        assertThat(gopher.connectionCount()).isZero();
    }

    @Test
    void fetch_slowLoris_hitsTheOneDeadline() {
        reconfigure(Map.of("GOPHER_TIMEOUT_SECONDS", "0.6"));
        // each chunk arrives well within any per-read timeout, but the whole takes 5 s
        gopher.enqueue(GopherResponse.text("x".repeat(100)).withThrottle(1, Duration.ofMillis(50)));
        long start = System.nanoTime();
        ToolCallResult r = fetch(server, gopher.url('0', "/slow"));
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertThat(code(r)).isEqualTo("TIMEOUT");
        assertThat(structured(r).path("error").path("message").asText()).isEqualTo("Request timed out after 600 ms");
        assertThat(ms).isLessThan(3000);
    }

    @Test
    void fetch_stalledServer_timesOut() {
        reconfigure(Map.of("GOPHER_TIMEOUT_SECONDS", "0.3"));
        gopher.enqueue(GopherResponse.stall());
        assertThat(code(fetch(server, gopher.url('0', "/stall")))).isEqualTo("TIMEOUT");
    }

    @Test
    void fetch_endlessStream_stopsAtTheCap() {
        reconfigure(Map.of("GOPHER_MAX_RESPONSE_SIZE", "65536", "GOPHER_TIMEOUT_SECONDS", "10"));
        gopher.enqueue(GopherResponse.endless("all work and no play\n"));
        JsonNode s = structured(fetch(server, gopher.url('0', "/endless")));
        assertThat(s.path("truncated").asBoolean()).isTrue();
        assertThat(s.path("bytes").asLong()).isEqualTo(65536);
        gopher.enqueue(GopherResponse.endless("iline\t\th\t1\r\n"));
        JsonNode menu = structured(fetch(server, gopher.rootUrl()));
        assertThat(menu.path("kind").asText()).isEqualTo("menu");
        assertThat(menu.path("truncated").asBoolean()).isTrue();
        assertThat(menu.path("items").size()).isEqualTo(1000);
    }

    @Test
    void fetch_closedMidResponse_returnsWhatArrived() {
        gopher.enqueue(gopher.menu().item('0', "a", "/a").item('0', "b", "/b").build().withCloseAfter(14));
        JsonNode s = structured(fetch(server, gopher.rootUrl()));
        assertThat(s.path("kind").asText()).isEqualTo("menu");
        assertThat(s.path("items")).hasSize(1);
    }

    @Test
    void fetch_resetConnection_isFetchError() {
        // a reset that reaches the client while it connects is retried (GOPHER_CONNECT_RETRIES, 2): reset them all
        for (int i = 0; i < 3; i++) {
            gopher.enqueue(GopherResponse.refuse());
        }
        ToolCallResult r = fetch(server, gopher.url('0', "/x"));
        assertThat(code(r)).isEqualTo("FETCH_ERROR");
        assertThat(structured(r).path("error").path("message").asText()).startsWith("Connection")
                .doesNotContain("Exception");
    }

    @Test
    void fetch_refusedPort_isFetchErrorNamingTheReason() {
        int port = FakeGopherServer.closedPort();
        ToolCallResult r = fetch(server, "gopher://127.0.0.1:" + port + "/");
        assertThat(code(r)).isEqualTo("FETCH_ERROR");
        assertThat(structured(r).path("error").path("message").asText()).isEqualTo("Connection failed: connection refused");
    }

    @Test
    void fetch_rateLimit_refusesWhatDoesNotFitTheDeadline() {
        reconfigure(Map.of("GOPHER_REQUESTS_PER_MINUTE", "1", "GOPHER_TIMEOUT_SECONDS", "0.5"));
        gopher.enqueue(GopherResponse.text("one"));
        gopher.enqueue(GopherResponse.text("two"));
        assertThat(fetch(server, gopher.url('0', "/1")).isError()).isFalse();
        ToolCallResult second = fetch(server, gopher.url('0', "/2"));
        assertThat(code(second)).isEqualTo("RATE_LIMITED");
        assertThat(structured(second).path("error").path("retry_after_seconds").asLong()).isPositive();
        assertThat(gopher.requestCount()).isEqualTo(1);
    }

    @Test
    void politeness_isOnByDefault_sixtyAMinutePerHostInBurstsOfSix() {
        reconfigure(Map.of("GOPHER_TIMEOUT_SECONDS", "0.5"));
        assertThat(server.callTool("health", io.burrow.mcp.core.json.Json.object()).toString())
                .contains("\"rate_limited\":true");
        for (int i = 0; i < 6; i++) {
            gopher.enqueue(GopherResponse.text("ok " + i));
            assertThat(fetch(server, gopher.url('0', "/" + i)).isError()).isFalse();
        }
        ToolCallResult seventh = fetch(server, gopher.url('0', "/7"));
        assertThat(code(seventh)).isEqualTo("RATE_LIMITED");
        assertThat(gopher.requestCount()).isEqualTo(6);
        var defaults = io.burrow.mcp.core.fetch.NetworkSettings.defaults();
        assertThat(defaults.requestsPerMinute()).isEqualTo(60);
        assertThat(defaults.maxConcurrentRequests()).as("the bulkhead across all clients").isEqualTo(64);
    }

    @Test
    void fetch_concurrencyCap_makesLaterRequestsWaitForASlot() throws Exception {
        reconfigure(Map.of("GOPHER_MAX_CONCURRENT_REQUESTS", "1", "GOPHER_TIMEOUT_SECONDS", "5"));
        gopher.enqueue(GopherResponse.text("first").withDelay(Duration.ofMillis(800)));
        gopher.enqueue(GopherResponse.text("second"));
        ToolCallResult[] results = new ToolCallResult[2];
        Thread first = new Thread(() -> results[0] = fetch(server, gopher.url('0', "/1")));
        first.start();
        assertThat(gopher.takeRequest(2, TimeUnit.SECONDS).selector()).isEqualTo("/1");
        Thread second = new Thread(() -> results[1] = fetch(server, gopher.url('0', "/2")));
        second.start();
        // the second fetch holds no slot while the first is in flight, so it has not reached the server
        assertThat(gopher.takeRequest(400, TimeUnit.MILLISECONDS)).isNull();
        assertThat(gopher.takeRequest(5, TimeUnit.SECONDS).selector()).isEqualTo("/2");
        first.join(5000);
        second.join(5000);
        assertThat(structured(results[0]).path("text").asText()).isEqualTo("first");
        assertThat(structured(results[1]).path("text").asText()).isEqualTo("second");
    }

    @Test
    void fetch_asProtocolClient_returnsTypedResults() {
        gopher.enqueue(GopherResponse.text("hello"));
        GopherResult r = server.<GopherResult>client("gopher").fetch(gopher.url('0', "/h"));
        assertThat(r).isInstanceOf(GopherResult.Text.class);
        assertThat(((GopherResult.Text) r).text()).isEqualTo("hello");
        assertThat(r.kind()).isEqualTo("text");
    }

    @Test
    void tools_areAdvertisedReadOnlyOpenWorldWithoutUrlPattern() {
        JsonNode t = server.advertisedTools().stream().filter(x -> x.path("name").asText().equals("gopher_fetch"))
                .findFirst().orElseThrow();
        assertThat(t.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
        assertThat(t.path("annotations").path("openWorldHint").asBoolean()).isTrue();
        assertThat(t.path("inputSchema").toString()).doesNotContain("pattern");
        assertThat(t.path("description").asText()).contains("next_url");
        assertThat(server.instructions()).contains("gopher_fetch", "gopher_batch_fetch");
    }
}
