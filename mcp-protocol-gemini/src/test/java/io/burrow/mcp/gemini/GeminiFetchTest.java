package io.burrow.mcp.gemini;

import static io.burrow.mcp.gemini.GeminiTestSupport.call;
import static io.burrow.mcp.gemini.GeminiTestSupport.callRaw;
import static io.burrow.mcp.gemini.GeminiTestSupport.server;
import static io.burrow.mcp.gemini.GeminiTestSupport.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import io.burrow.mcp.testkit.gemini.RecordedGeminiRequest;
import io.burrow.mcp.testkit.ToolCallResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GeminiFetchTest {

    @TempDir
    Path dir;
    FakeGeminiServer capsule;
    BurrowServer server;

    @BeforeEach
    void start() {
        capsule = FakeGeminiServer.start();
        server = server(dir);
    }

    @AfterEach
    void stop() {
        server.close();
        capsule.close();
    }

    private JsonNode fetch(String path) {
        return call(server, "gemini_fetch", "url", capsule.url(path));
    }

    @Test
    void fetch_gemtext_parsesLinesAndResolvesLinks() {
        capsule.enqueue(GeminiResponse.success("text/gemini; lang=en", "# Title\n=> /docs/ Docs\n=> sub.gmi\n* item\n"));
        JsonNode r = fetch("/dir/page.gmi");
        assertThat(r.path("kind").asText()).isEqualTo("gemtext");
        assertThat(r.path("lang").asText()).isEqualTo("en");
        assertThat(r.path("charset").asText()).isEqualTo("utf-8");
        JsonNode lines = r.path("document").path("lines");
        assertThat(lines.get(0).path("type").asText()).isEqualTo("heading1");
        assertThat(lines.get(1).path("url").asText()).isEqualTo(capsule.url("/docs/"));
        assertThat(lines.get(2).path("url").asText()).isEqualTo(capsule.url("/dir/sub.gmi"));
        assertThat(lines.get(2).has("text")).isFalse();
        assertThat(r.path("document").path("links")).hasSize(2);
        JsonNode info = r.path("request_info");
        assertThat(info.path("url").asText()).isEqualTo(capsule.url("/dir/page.gmi"));
        assertThat(info.path("tls_version").asText()).startsWith("TLSv1.");
        assertThat(info.path("cert_fingerprint").asText()).isEqualTo(capsule.fingerprint());
        assertThat(info.path("tofu").asText()).isEqualTo("first_use");
        RecordedGeminiRequest req = capsule.takeRequest();
        assertThat(req.requestLine()).isEqualTo(capsule.url("/dir/page.gmi"));
        assertThat(req.serverName()).isEqualTo("localhost");
        assertThat(req.clientCertificateFingerprint()).isNull();
    }

    @Test
    void fetch_emptyMeta_isGemtextUtf8() {
        capsule.enqueue(GeminiResponse.raw("20\r\nZürich\n"));
        JsonNode r = fetch("/");
        assertThat(r.path("kind").asText()).isEqualTo("gemtext");
        assertThat(r.path("document").path("lines").get(0).path("text").asText()).isEqualTo("Zürich");
    }

    @Test
    void fetch_textPlain_isSuccessWithDeclaredCharsetThenFallbacks() {
        capsule.enqueue(GeminiResponse.success("text/plain; charset=iso-8859-1", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));
        JsonNode r = fetch("/a.txt");
        assertThat(r.path("kind").asText()).isEqualTo("success");
        assertThat(r.path("content").asText()).isEqualTo("café");
        assertThat(r.path("mime_type").path("subtype").asText()).isEqualTo("plain");
        assertThat(r.path("mime_type").path("charset").asText()).isEqualTo("iso-8859-1");

        capsule.enqueue(GeminiResponse.success("text/plain", new byte[] {'x', (byte) 0xE9}));
        JsonNode latin = fetch("/b.txt");
        assertThat(latin.path("content").asText()).isEqualTo("xé");
        assertThat(latin.path("mime_type").path("charset").asText()).isEqualTo("iso-8859-1");
    }

    @Test
    void fetch_binary_returnsTypeAndSizeOnly() {
        byte[] png = new byte[3000];
        png[0] = (byte) 0x89;
        png[1] = 'P';
        png[2] = 'N';
        png[3] = 'G';
        capsule.enqueue(GeminiResponse.success("image/png", png));
        ToolCallResult raw = callRaw(server, "gemini_fetch", "url", capsule.url("/logo.png"));
        JsonNode r = GeminiTestSupport.structured(raw);
        assertThat(r.path("kind").asText()).isEqualTo("binary");
        assertThat(r.path("mime_type").asText()).isEqualTo("image/png");
        assertThat(r.path("size").asLong()).isEqualTo(3000);
        assertThat(r.has("content")).isFalse();
        assertThat(raw.toString()).doesNotContain("PNG");
    }

    @Test
    void fetch_input10And11_andAnswerIsPercentEncodedIntoTheQuery() {
        capsule.enqueue(GeminiResponse.of(10, "Search for?"));
        JsonNode r = fetch("/search");
        assertThat(r.path("kind").asText()).isEqualTo("input");
        assertThat(r.path("prompt").asText()).isEqualTo("Search for?");
        assertThat(r.path("sensitive").asBoolean()).isFalse();

        capsule.enqueue(GeminiResponse.of(11, "Password"));
        assertThat(fetch("/login").path("sensitive").asBoolean()).isTrue();
        capsule.takeRequest();
        capsule.takeRequest();

        capsule.enqueue(GeminiResponse.success("text/plain", "ok"));
        ToolCallResult answered = callRaw(server, "gemini_fetch", "url", capsule.url("/login?old#frag"),
                "input", "s3cret pässword&=");
        assertThat(capsule.takeRequest().query()).isEqualTo("s3cret%20p%C3%A4ssword%26%3D");
        assertThat(answered.toString()).doesNotContain("s3cret");
        JsonNode info = GeminiTestSupport.structured(answered).path("request_info");
        assertThat(info.path("has_query").asBoolean()).isTrue();
        assertThat(info.path("url").asText()).isEqualTo(capsule.url("/login"));
    }

    @Test
    void fetch_queryResponses_areNeverCached() {
        capsule.enqueue(GeminiResponse.success("text/plain", "first"));
        capsule.enqueue(GeminiResponse.success("text/plain", "second"));
        call(server, "gemini_fetch", "url", capsule.url("/q"), "input", "secret");
        JsonNode again = call(server, "gemini_fetch", "url", capsule.url("/q"), "input", "secret");
        assertThat(again.path("content").asText()).isEqualTo("second");
        assertThat(capsule.requestCount()).isEqualTo(2);
    }

    @Test
    void fetch_success_isCachedUnderItsCanonicalUrl() {
        capsule.enqueue(GeminiResponse.success("text/gemini", "# once\n"));
        JsonNode first = fetch("/page");
        JsonNode second = call(server, "gemini_fetch", "url",
                "GEMINI://LOCALHOST:" + capsule.port() + "/x/../page#frag");
        assertThat(capsule.requestCount()).isEqualTo(1);
        assertThat(second.path("request_info").path("cached").asBoolean()).isTrue();
        assertThat(second.path("document")).isEqualTo(first.path("document"));
        assertThat(first.path("request_info").has("cached")).isFalse();
    }

    @Test
    void fetch_temporaryAndPermanentFailures_areErrorsWithStatus() {
        capsule.enqueue(GeminiResponse.of(41, "Server unavailable"));
        ToolCallResult t = callRaw(server, "gemini_fetch", "url", capsule.url("/t"));
        assertThat(t.isError()).isTrue();
        JsonNode te = GeminiTestSupport.structured(t);
        assertThat(te.path("kind").asText()).isEqualTo("error");
        assertThat(te.path("error").path("code").asText()).isEqualTo("TEMPORARY_ERROR");
        assertThat(te.path("error").path("status").asInt()).isEqualTo(41);
        assertThat(te.path("error").path("temporary").asBoolean()).isTrue();
        assertThat(te.path("request_info").path("url").asText()).isEqualTo(capsule.url("/t"));

        capsule.enqueue(GeminiResponse.of(51, "Not found!"));
        JsonNode pe = fetch("/p");
        assertThat(pe.path("error").path("code").asText()).isEqualTo("PERMANENT_ERROR");
        assertThat(pe.path("error").path("status").asInt()).isEqualTo(51);
        assertThat(pe.path("error").path("message").asText()).isEqualTo("The server answered 51 (not found)");
        assertThat(pe.path("error").path("meta").asText()).isEqualTo("Not found!");
        assertThat(pe.path("error").path("hint").asText()).isNotBlank();
    }

    @Test
    void fetch_certificateStatuses_sayHowToCreateAnIdentity() {
        capsule.enqueue(GeminiResponse.of(60, "Certificate required"));
        JsonNode r = fetch("/private/");
        assertThat(r.path("kind").asText()).isEqualTo("certificate");
        assertThat(r.path("status").asInt()).isEqualTo(60);
        assertThat(r.path("required").asBoolean()).isTrue();
        assertThat(r.path("suggested_scope").asText()).isEqualTo(capsule.url("/private"));
        assertThat(r.path("hint").asText()).contains("gemini_client_cert_update");
        assertThat(r.has("identity")).isFalse();
    }

    @Test
    void fetch_identityInScope_isPresentedAndReported() {
        JsonNode created = call(server, "gemini_client_cert_update", "action", "create", "url", capsule.url("/private"),
                "name", "me");
        String fp = created.path("fingerprint").asText();
        capsule.enqueue(GeminiResponse.success("text/gemini", "# Welcome\n"));
        JsonNode r = fetch("/private/inbox");
        assertThat(r.path("request_info").path("identity").asText()).isEqualTo("me");
        assertThat(capsule.takeRequest().clientCertificateFingerprint()).isEqualTo(fp);

        capsule.enqueue(GeminiResponse.success("text/gemini", "# Public\n"));
        fetch("/privateer");
        assertThat(capsule.takeRequest().clientCertificateFingerprint()).isNull();

        capsule.enqueue(GeminiResponse.of(61, "Not authorised"));
        JsonNode refused = fetch("/private/admin");
        assertThat(refused.path("kind").asText()).isEqualTo("certificate");
        assertThat(refused.path("identity").path("name").asText()).isEqualTo("me");
        assertThat(refused.path("hint").asText()).contains(fp);
    }

    @Test
    void fetch_identityResponses_areNotCached() {
        call(server, "gemini_client_cert_update", "action", "create", "url", capsule.url("/"), "name", "all");
        capsule.enqueue(GeminiResponse.success("text/plain", "a"));
        capsule.enqueue(GeminiResponse.success("text/plain", "b"));
        fetch("/mine");
        assertThat(fetch("/mine").path("content").asText()).isEqualTo("b");
    }

    @Test
    void fetch_malformedHeaders_areProtocolErrors() {
        for (String raw : new String[] {"garbage\r\n", "2\r\n", "20text/gemini\r\n", "99 nope\r\n", "20 text/gemini"}) {
            capsule.enqueue(GeminiResponse.raw(raw));
            JsonNode r = fetch("/bad");
            assertThat(r.path("error").path("code").asText()).as(raw).isEqualTo("PROTOCOL_ERROR");
        }
        capsule.enqueue(GeminiResponse.raw("20 " + "x".repeat(1100) + "\r\n"));
        assertThat(fetch("/long").path("error").path("code").asText()).isEqualTo("PROTOCOL_ERROR");
    }

    @Test
    void fetch_statusWithoutSpaceOrMeta_isAccepted() {
        capsule.enqueue(GeminiResponse.raw("20\r\n# ok\n"));
        assertThat(fetch("/").path("kind").asText()).isEqualTo("gemtext");
    }

    @Test
    void fetch_stallingServer_timesOutWithinTheDeadline() {
        try (BurrowServer fast = server(dir.resolve("fast"), Map.of("GEMINI_TIMEOUT_SECONDS", "1"))) {
            capsule.enqueue(GeminiResponse.stall());
            long t0 = System.nanoTime();
            JsonNode r = call(fast, "gemini_fetch", "url", capsule.url("/stall"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.path("error").path("code").asText()).isEqualTo("TIMEOUT");
            assertThat(ms).isLessThan(3000);
        }
    }

    @Test
    void fetch_tricklingServer_cannotOutlastTheDeadline() {
        try (BurrowServer fast = server(dir.resolve("fast"), Map.of("GEMINI_TIMEOUT_SECONDS", "1"))) {
            capsule.enqueue(GeminiResponse.success("text/plain", "x".repeat(200)).withTrickle(1, Duration.ofMillis(100)));
            long t0 = System.nanoTime();
            JsonNode r = call(fast, "gemini_fetch", "url", capsule.url("/slow"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("TIMEOUT");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        }
    }

    @Test
    void fetch_endlessBody_isCutAtTheSizeCap() {
        try (BurrowServer small = server(dir.resolve("small"), Map.of("GEMINI_MAX_RESPONSE_SIZE", "4096"))) {
            capsule.enqueue(GeminiResponse.endless("text/plain"));
            JsonNode r = call(small, "gemini_fetch", "url", capsule.url("/endless"));
            assertThat(r.path("kind").asText()).isEqualTo("success");
            assertThat(r.path("truncated").asBoolean()).isTrue();
            assertThat(r.path("size").asLong()).isEqualTo(4096);
            assertThat(r.path("content").asText()).hasSize(4096);
        }
    }

    @Test
    void fetch_renderCap_truncatesText() {
        try (BurrowServer small = server(dir.resolve("small"), Map.of("GEMINI_MAX_RENDERED_CHARS", "10"))) {
            capsule.enqueue(GeminiResponse.success("text/gemini", "0123456789abcdef\nsecond line\n"));
            JsonNode r = call(small, "gemini_fetch", "url", capsule.url("/long"));
            assertThat(r.path("truncated").asBoolean()).isTrue();
            assertThat(r.path("document").path("lines")).hasSize(1);
            assertThat(r.path("document").path("lines").get(0).path("text").asText()).isEqualTo("0123456789");
            assertThat(r.path("size").asLong()).isEqualTo(29);
        }
    }

    @Test
    void fetch_closedMidBody_returnsWhatArrivedMarkedTruncated() {
        capsule.enqueue(GeminiResponse.success("text/plain", "abcdefghij".repeat(100)).withCloseAfter(200));
        JsonNode r = fetch("/cut");
        assertThat(r.path("kind").asText()).isEqualTo("success");
        assertThat(r.path("truncated").asBoolean()).isTrue();
        assertThat(r.path("content").asText().length()).isLessThan(1000);
    }

    @Test
    void fetch_closedMidHeader_isProtocolError() {
        capsule.enqueue(GeminiResponse.success("text/plain", "body").withCloseAfter(4));
        JsonNode r = fetch("/cut");
        assertThat(r.path("error").path("code").asText()).isIn("PROTOCOL_ERROR", "FETCH_ERROR", "TLS_ERROR");
    }

    @Test
    void fetch_deniedMimeType_isContentFiltered() {
        try (BurrowServer strict = server(dir.resolve("strict"), Map.of("GEMINI_DENIED_MIME_TYPES", "text/html,image/*"))) {
            capsule.enqueue(GeminiResponse.success("image/jpeg", new byte[] {1, 2, 3}));
            JsonNode r = call(strict, "gemini_fetch", "url", capsule.url("/x.jpg"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("CONTENT_FILTERED");
            assertThat(r.path("error").path("mime_type").asText()).isEqualTo("image/jpeg");
            capsule.enqueue(GeminiResponse.success("text/plain", "fine"));
            assertThat(call(strict, "gemini_fetch", "url", capsule.url("/ok")).path("kind").asText()).isEqualTo("success");
        }
    }

    @Test
    void fetch_slowDown44_answersAtOnce_andLaterCallsGetTheSameError() {
        capsule.enqueue(GeminiResponse.of(44, "120"));
        long start = System.nanoTime();
        JsonNode r = fetch("/busy");
        assertThat(r.path("error").path("code").asText()).isEqualTo("SLOW_DOWN");
        assertThat(r.path("error").path("status").asInt()).isEqualTo(44);
        assertThat(r.path("error").path("meta").asText()).isEqualTo("120");
        assertThat(r.path("error").path("retry_after_seconds").asInt()).isEqualTo(120);
        JsonNode next = fetch("/other");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(4));
        assertThat(next.path("error").path("code").asText()).isEqualTo("SLOW_DOWN");
        assertThat(next.path("error").path("retry_after_seconds").asInt()).isBetween(115, 120);
        assertThat(capsule.requestCount()).isEqualTo(1);
    }

    @Test
    void fetch_shortSlowDown_isWaitedOutByTheNextCall() {
        capsule.enqueue(GeminiResponse.of(44, "1"));
        assertThat(fetch("/busy").path("error").path("code").asText()).isEqualTo("SLOW_DOWN");
        capsule.enqueue(GeminiResponse.success("text/plain", "calm again"));
        long start = System.nanoTime();
        JsonNode next = fetch("/later");
        assertThat(next.path("content").asText()).isEqualTo("calm again");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(java.time.Duration.ofMillis(500));
    }

    @Test
    void fetch_slowDownIsCapped() {
        capsule.enqueue(GeminiResponse.of(44, "999999"));
        assertThat(fetch("/busy").path("error").path("retry_after_seconds").asInt()).isEqualTo(300);
    }

    @Test
    void fetch_badUrls_areInvalidRequestsWithoutConnecting() {
        for (String url : new String[] {"https://example.org/", "gemini://user@host/", "gemini://host:0/",
                "gemini://host/a b", "gemini:///path", "gemini://host/" + "a".repeat(1020)}) {
            JsonNode r = call(server, "gemini_fetch", "url", url);
            assertThat(r.path("error").path("code").asText()).as(url).isEqualTo("INVALID_REQUEST");
        }
        assertThat(capsule.requestCount()).isZero();
    }

    @Test
    void fetch_connectionRefused_isFetchError() throws Exception {
        // a socket bound but not listening holds the port (no other test can take it) and refuses connections
        try (java.net.Socket holder = new java.net.Socket()) {
            holder.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            JsonNode r = call(server, "gemini_fetch", "url", "gemini://127.0.0.1:" + holder.getLocalPort() + "/");
            assertThat(r.path("error").path("code").asText()).isEqualTo("FETCH_ERROR");
            assertThat(r.path("error").path("message").asText()).contains("refused");
        }
    }

    @Test
    void fetch_notTls_isTlsError() throws Exception {
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = plain.accept()) {
                    s.getOutputStream().write("20 text/plain\r\nhello\n".getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // test ends
                }
            });
            t.start();
            JsonNode r = call(server, "gemini_fetch", "url", "gemini://localhost:" + plain.getLocalPort() + "/");
            assertThat(r.path("error").path("code").asText()).isEqualTo("TLS_ERROR");
            t.join(2000);
        }
    }

    @Test
    void fetch_textRendering_isReadableGemtextWithAbsoluteLinks() {
        capsule.enqueue(GeminiResponse.success("text/gemini", "# T\n=> rel.gmi Rel\n```art\n a\n```\n"));
        String text = text(callRaw(server, "gemini_fetch", "url", capsule.url("/d/")));
        assertThat(text).contains("=> " + capsule.url("/d/rel.gmi") + " Rel").contains("```art\n a\n```");
    }
}
