package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.fetch;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.FakeNameResolver;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-supplied text is cleaned; internationalised host names are normalised; instructions warn. */
final class GopherHygieneTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final BurrowServer server = TestSupport.server(Map.of(),
            FakeNameResolver.create().map("xn--bcher-kva.test", "127.0.0.1"));

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    @Test
    void menuTitlesAndTexts_loseBidiOverridesPrivateUseAndControls_butKeepLegitimateCharacters() {
        String evil = "safe\u202Etxt.exe\uE000\u0007 ok\u00A0\u3000\uD83D\uDC69\u200D\uD83D\uDCBB";
        gopher.enqueue(gopher.menu().info(evil).item('0', evil, "/x\u202E").build());
        JsonNode menu = structured(fetch(server, gopher.rootUrl()));
        String clean = "safetxt.exe ok\u00A0\u3000\uD83D\uDC69\u200D\uD83D\uDCBB";
        assertThat(menu.path("items").get(0).path("title").asText()).isEqualTo(clean);
        assertThat(menu.path("items").get(1).path("title").asText()).isEqualTo(clean);
        assertThat(menu.path("items").get(1).path("selector").asText()).isEqualTo("/x");
        assertThat(menu.path("items").get(1).path("next_url").asText()).endsWith("/0/x%E2%80%AE");
        gopher.enqueue(GopherResponse.text("line one\u2066hidden\u2069\nline two\uDB80\uDC00\n"));
        assertThat(structured(fetch(server, gopher.url('0', "/t"))).path("text").asText())
                .isEqualTo("line onehidden\nline two\n");
    }

    @Test
    void internationalisedHostNames_areNormalisedToPunycode() {
        gopher.enqueue(GopherResponse.text("hello"));
        JsonNode r = structured(fetch(server, "gopher://BÜCHER.test:" + gopher.port() + "/0/a"));
        assertThat(r.path("request_info").path("host").asText()).isEqualTo("xn--bcher-kva.test");
        assertThat(r.path("request_info").path("url").asText()).startsWith("gopher://xn--bcher-kva.test:");
    }

    @Test
    void toolsList_staysSmall_andTheExploreGopherholePromptIsListed() {
        int bytes = server.advertisedTools().stream().filter(t -> t.path("name").asText().startsWith("gopher_"))
                .mapToInt(t -> t.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
        assertThat(bytes).as("bytes of the two Gopher tools in tools/list").isLessThan(10 * 1024);
        try (io.burrow.mcp.testkit.McpTester mcp = io.burrow.mcp.testkit.McpTester.connect(server)) {
            String text = mcp.prompt("explore_gopherhole", Map.of("url", "gopher://Example.org/")).texts().get(0);
            assertThat(text).contains("gopher://example.org/", "gopher_fetch", "untrusted");
            assertThat(mcp.resources().toString()).contains("burrow://policy");
        }
        assertThat(server.readResource("burrow://policy").text()).contains("# Gopher", "GOPHER_REQUESTS_PER_MINUTE=60",
                "GOPHER_ROBOTS_UNAVAILABLE=allow", "GOPHER_MAX_CONCURRENT_PER_HOST=5");
    }

    @Test
    void instructions_sayFetchedContentIsUntrusted() {
        assertThat(server.instructions()).contains("untrusted", "BLOCKED_BY_ROBOTS");
    }
}
