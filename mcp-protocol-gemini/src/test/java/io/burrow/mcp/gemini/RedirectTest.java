package io.burrow.mcp.gemini;

import static io.burrow.mcp.gemini.GeminiTestSupport.call;
import static io.burrow.mcp.gemini.GeminiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RedirectTest {

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

    @Test
    void relativeAndAbsoluteRedirects_areFollowed_andTheChainIsReported() {
        capsule.dispatcher(req -> switch (req.path()) {
            case "/old" -> GeminiResponse.of(30, "new/");
            case "/new/" -> GeminiResponse.of(31, capsule.url("/final.gmi"));
            case "/final.gmi" -> GeminiResponse.success("text/gemini", "# Final\n=> x.gmi\n");
            default -> GeminiResponse.of(51, "no");
        });
        JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/old"));
        assertThat(r.path("kind").asText()).isEqualTo("gemtext");
        JsonNode info = r.path("request_info");
        assertThat(info.path("url").asText()).isEqualTo(capsule.url("/final.gmi"));
        JsonNode hops = info.path("redirects");
        assertThat(hops).hasSize(2);
        assertThat(hops.get(0).path("url").asText()).isEqualTo(capsule.url("/old"));
        assertThat(hops.get(0).path("status").asInt()).isEqualTo(30);
        assertThat(hops.get(0).path("new_url").asText()).isEqualTo(capsule.url("/new/"));
        assertThat(hops.get(1).path("status").asInt()).isEqualTo(31);
        assertThat(r.path("document").path("links").get(0).path("url").asText()).isEqualTo(capsule.url("/x.gmi"));
    }

    @Test
    void crossHostRedirect_isReportedNotFollowed_unlessAllowed() {
        capsule.dispatcher(req -> req.path().equals("/go") ? GeminiResponse.of(30, capsule.url("other.test", "/there"))
                : GeminiResponse.success("text/plain", "arrived"));
        JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/go"));
        assertThat(r.path("kind").asText()).isEqualTo("redirect");
        assertThat(r.path("new_url").asText()).isEqualTo(capsule.url("other.test", "/there"));
        assertThat(r.path("cross_host").asBoolean()).isTrue();
        assertThat(r.path("permanent").asBoolean()).isFalse();
        assertThat(capsule.requestCount()).isEqualTo(1);

        try (BurrowServer follow = server(dir.resolve("f"), Map.of("GEMINI_FOLLOW_CROSS_HOST_REDIRECTS", "true"))) {
            JsonNode followed = call(follow, "gemini_fetch", "url", capsule.url("/go"));
            assertThat(followed.path("content").asText()).isEqualTo("arrived");
            assertThat(followed.path("request_info").path("host").asText()).isEqualTo("other.test");
        }
    }

    @Test
    void crossHostRedirect_isCheckedByTheHostPolicyAtThatHop() {
        capsule.enqueue(GeminiResponse.of(31, "gemini://private.test/x"));
        try (BurrowServer follow = server(dir.resolve("f"), Map.of("GEMINI_FOLLOW_CROSS_HOST_REDIRECTS", "true",
                "GEMINI_ALLOWED_HOSTS", "localhost"))) {
            JsonNode r = call(follow, "gemini_fetch", "url", capsule.url("/go"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("BLOCKED");
            assertThat(r.path("request_info").path("redirects")).hasSize(1);
        }
    }

    @Test
    void loop_isDetected() {
        capsule.dispatcher(req -> GeminiResponse.of(30, req.path().equals("/a") ? "/b" : "/a"));
        JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/a"));
        assertThat(r.path("error").path("code").asText()).isEqualTo("REDIRECT_LOOP");
        assertThat(r.path("error").path("redirects")).hasSize(2);
        assertThat(capsule.requestCount()).isEqualTo(2);
    }

    @Test
    void selfRedirect_isALoop() {
        capsule.dispatcher(req -> GeminiResponse.of(31, req.path()));
        assertThat(call(server, "gemini_fetch", "url", capsule.url("/same")).path("error").path("code").asText())
                .isEqualTo("REDIRECT_LOOP");
    }

    @Test
    void limit_stopsLongChains() {
        capsule.dispatcher(req -> GeminiResponse.of(30, "/n" + (Integer.parseInt("0" + req.path().replaceAll("\\D", "")) + 1)));
        JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/n0"));
        assertThat(r.path("error").path("code").asText()).isEqualTo("TOO_MANY_REDIRECTS");
        assertThat(r.path("error").path("redirects")).hasSize(6);
        assertThat(r.path("error").path("new_url").asText()).isEqualTo(capsule.url("/n6"));
        assertThat(capsule.requestCount()).isEqualTo(6);
    }

    @Test
    void maxRedirectsZero_returnsRedirectResults() {
        try (BurrowServer none = server(dir.resolve("n"), Map.of("GEMINI_MAX_REDIRECTS", "0"))) {
            capsule.enqueue(GeminiResponse.of(31, "/moved"));
            JsonNode r = call(none, "gemini_fetch", "url", capsule.url("/here"));
            assertThat(r.path("kind").asText()).isEqualTo("redirect");
            assertThat(r.path("new_url").asText()).isEqualTo(capsule.url("/moved"));
            assertThat(r.path("permanent").asBoolean()).isTrue();
            assertThat(r.has("cross_host")).isFalse();
        }
    }

    @Test
    void emptyOrForeignTargets_areHandled() {
        capsule.enqueue(GeminiResponse.raw("30\r\n"));
        assertThat(call(server, "gemini_fetch", "url", capsule.url("/e")).path("error").path("code").asText())
                .isEqualTo("PROTOCOL_ERROR");
        capsule.enqueue(GeminiResponse.of(30, "https://example.org/"));
        JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/h"));
        assertThat(r.path("kind").asText()).isEqualTo("redirect");
        assertThat(r.path("new_url").asText()).isEqualTo("https://example.org/");
    }
}
