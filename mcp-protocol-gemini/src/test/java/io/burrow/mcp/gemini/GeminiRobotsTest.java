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

/** robots.txt for Gemini: on by default, /robots.txt, virtual agents, fails closed by default. */
final class GeminiRobotsTest {

    @TempDir
    Path dir;
    FakeGeminiServer capsule;
    BurrowServer server;
    final List<String> paths = new ArrayList<>();

    @BeforeEach
    void start() {
        capsule = FakeGeminiServer.start();
        server = server(dir, Map.of("GEMINI_RESPECT_ROBOTS_TXT", "true"));
    }

    @AfterEach
    void stop() {
        server.close();
        capsule.close();
    }

    private void serve(GeminiResponse robots) {
        capsule.dispatcher(req -> {
            synchronized (paths) {
                paths.add(req.path() + (req.query() == null ? "" : "?" + req.query()));
            }
            return req.path().equals("/robots.txt") ? robots : GeminiResponse.success("text/gemini", "# " + req.path());
        });
    }

    private JsonNode fetch(String path) {
        return call(server, "gemini_fetch", "url", capsule.url(path));
    }

    @Test
    void webproxyGroup_blocksWithTheRule_andRobotsTxtIsReadOnce() {
        serve(GeminiResponse.success("text/plain", "User-agent: webproxy\nDisallow: /gemlog/drafts\n"));
        JsonNode blocked = fetch("/gemlog/drafts/one.gmi");
        assertThat(blocked.path("error").path("code").asText()).isEqualTo("BLOCKED_BY_ROBOTS");
        assertThat(blocked.path("error").path("rule").asText()).isEqualTo("Disallow: /gemlog/drafts");
        assertThat(blocked.path("error").path("user_agent").asText()).isEqualTo("webproxy");
        assertThat(fetch("/gemlog/").path("kind").asText()).isEqualTo("gemtext");
        assertThat(paths).containsExactly("/robots.txt", "/gemlog/");
    }

    @Test
    void indexerAndStarGroups_andQueriesAreMatched() {
        serve(GeminiResponse.success("text/plain", "User-agent: indexer\nDisallow: /search?\n"));
        assertThat(fetch("/search?q").path("error").path("code").asText()).isEqualTo("BLOCKED_BY_ROBOTS");
        assertThat(fetch("/search").path("kind").asText()).isEqualTo("gemtext");
    }

    @Test
    void notFound51_meansNoRules() {
        serve(GeminiResponse.of(51, "Not found"));
        assertThat(fetch("/anything").path("kind").asText()).isEqualTo("gemtext");
    }

    @Test
    void unreadableRobotsTxt_refusesByDefault_withRobotsUnavailable_andAllowsWhenConfigured() {
        serve(GeminiResponse.of(42, "CGI error"));
        JsonNode r = fetch("/page");
        assertThat(r.path("error").path("code").asText()).isEqualTo("ROBOTS_UNAVAILABLE");
        assertThat(r.path("error").path("reason").asText()).isEqualTo("the server answered 42");
        assertThat(paths).containsExactly("/robots.txt");
        server.close();
        server = server(dir, Map.of("GEMINI_RESPECT_ROBOTS_TXT", "true", "GEMINI_ROBOTS_UNAVAILABLE", "allow"));
        assertThat(fetch("/page").path("kind").asText()).isEqualTo("gemtext");
    }

    @Test
    void everyRedirectHop_isCheckedAgainstRobots() {
        capsule.dispatcher(req -> switch (req.path()) {
            case "/robots.txt" -> GeminiResponse.success("text/plain", "User-agent: *\nDisallow: /private\n");
            case "/old" -> GeminiResponse.of(31, "/private/new");
            default -> GeminiResponse.success("text/gemini", "# ok");
        });
        JsonNode r = fetch("/old");
        assertThat(r.path("error").path("code").asText()).isEqualTo("BLOCKED_BY_ROBOTS");
    }

    @Test
    void robotsOff_neverAsks() {
        server.close();
        server = server(dir, Map.of("GEMINI_RESPECT_ROBOTS_TXT", "false"));
        serve(GeminiResponse.success("text/plain", "User-agent: *\nDisallow: /\n"));
        assertThat(fetch("/x").path("kind").asText()).isEqualTo("gemtext");
        assertThat(paths).containsExactly("/x");
    }
}
