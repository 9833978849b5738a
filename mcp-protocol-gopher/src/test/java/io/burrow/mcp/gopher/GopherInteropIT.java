package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.code;
import static io.burrow.mcp.gopher.TestSupport.fetch;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.spi.ResourceData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real Gophernicus serving fixtures/gopherhole (profile interop; fails without the peer). */
final class GopherInteropIT {

    private static GopherPeer peer;
    private static BurrowServer server;

    @BeforeAll
    static void startPeer() {
        peer = GopherPeer.start();
        server = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false", "GOPHER_TIMEOUT_SECONDS", "10"));
    }

    @AfterAll
    static void stopPeer() {
        if (server != null) {
            server.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private static JsonNode item(JsonNode menu, String title) {
        for (JsonNode i : menu.path("items")) {
            if (i.path("title").asText().equals(title)) {
                return i;
            }
        }
        throw new AssertionError("no item " + title + " in " + menu);
    }

    @Test
    void robotsTxt_servedByGophernicus_blocksWhatItDisallows() {
        try (BurrowServer robots = TestSupport.server(Map.of("GOPHER_RESPECT_ROBOTS_TXT", "true",
                "GOPHER_TIMEOUT_SECONDS", "10"))) {
            var blocked = structured(fetch(robots, peer.url("/0/robots-test/secret.txt")));
            assertThat(blocked.path("error").path("code").asText()).isEqualTo("BLOCKED_BY_ROBOTS");
            assertThat(blocked.path("error").path("rule").asText()).isEqualTo("Disallow: /robots-test/");
            assertThat(blocked.path("error").path("user_agent").asText()).isEqualTo("burrow");
            assertThat(structured(fetch(robots, peer.url("/0/robots-test/allowed.txt"))).path("kind").asText())
                    .isEqualTo("text");
            assertThat(structured(fetch(robots, peer.url("/0/about.txt"))).path("kind").asText()).isEqualTo("text");
        }
    }

    @Test
    void rootMenu_hasInfoLinesLinksAndExternalItems() {
        JsonNode menu = structured(fetch(server, peer.url("/")));
        assertThat(menu.path("kind").asText()).isEqualTo("menu");
        assertThat(menu.path("items").size()).isEqualTo(32);
        assertThat(menu.path("items").get(0).path("title").asText()).isEqualTo("Peer Test Gopherhole");
        assertThat(item(menu, "About this gopherhole").path("next_url").asText()).isEqualTo(peer.url("/0/about.txt"));
        assertThat(item(menu, "HTML link to a web page").path("next_url").asText()).isEqualTo("http://example.invalid/");
        assertThat(item(menu, "External server link (unreachable)").path("host").asText()).isEqualTo("gopher.invalid");
        assertThat(item(menu, "An error line (type 3)").has("next_url")).isFalse();
    }

    @Test
    void followingNextUrls_walksSubmenusAndAutoListings() {
        JsonNode root = structured(fetch(server, peer.url("/")));
        JsonNode docs = structured(fetch(server, item(root, "Documents (subdirectory with its own gophermap)")
                .path("next_url").asText()));
        assertThat(item(docs, "Gemini notes").path("next_url").asText()).isEqualTo(peer.url("/0/docs/gemini-notes.txt"));
        JsonNode deeper = structured(fetch(server, item(docs, "Deeper directory").path("next_url").asText()));
        List<String> titles = new ArrayList<>();
        deeper.path("items").forEach(i -> titles.add(i.path("title").asText()));
        assertThat(titles).contains("..", "more", "nested.txt", "notes.txt");
        JsonNode leaf = structured(fetch(server, item(structured(fetch(server, item(deeper, "more").path("next_url")
                .asText())), "leaf.txt").path("next_url").asText()));
        assertThat(leaf.path("kind").asText()).isEqualTo("text");
    }

    @Test
    void utf8Text_isDecodedAsUtf8() {
        JsonNode t = structured(fetch(server, peer.url("/0/utf8.txt")));
        assertThat(t.path("kind").asText()).isEqualTo("text");
        assertThat(t.path("charset").asText()).isEqualTo("utf-8");
        assertThat(t.path("text").asText()).contains("Zürich", "Москва", "東京").doesNotContain("\r");
        assertThat(t.path("bytes").asLong()).isEqualTo(323);
    }

    @Test
    void unframedText_keepsItsLoneDotLine() {
        String text = structured(fetch(server, peer.url("/0/dotline.txt"))).path("text").asText();
        assertThat(text).contains("\n.\n", "\n..\n").endsWith("Last line.\n");
    }

    @Test
    void binaries_haveTheirExactSizeAndType() {
        JsonNode sample = structured(fetch(server, peer.url("/9/files/sample.bin")));
        assertThat(sample.path("kind").asText()).isEqualTo("binary");
        assertThat(sample.path("bytes").asLong()).isEqualTo(4096);
        assertThat(sample.path("mime_type").asText()).isEqualTo("application/octet-stream");
        JsonNode png = structured(fetch(server, peer.url("/I/files/logo.png")));
        assertThat(png.path("bytes").asLong()).isEqualTo(4354);
        assertThat(png.path("mime_type").asText()).isEqualTo("image/png");
        assertThat(structured(fetch(server, peer.url("/g/files/anim.gif"))).path("mime_type").asText())
                .isEqualTo("image/gif");
        ResourceData blob = server.readResource(peer.url("/9/files/sample.bin"));
        assertThat(blob.blob()).hasSize(4096);
        for (int i = 0; i < 4096; i++) {
            assertThat(blob.blob()[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void typeSevenSearch_runsTheCgi() {
        JsonNode hits = structured(fetch(server, peer.url("/7/cgi-bin/search?zyzzyva")));
        assertThat(hits.path("kind").asText()).isEqualTo("menu");
        List<String> selectors = new ArrayList<>();
        hits.path("items").forEach(i -> selectors.add(i.path("selector").asText()));
        assertThat(selectors).contains("/about.txt", "/docs/deeper/notes.txt");
        JsonNode utf8 = structured(fetch(server, peer.url("/7/cgi-bin/search%09Z%C3%BCrich")));
        assertThat(utf8.path("items").get(0).path("title").asText()).isEqualTo("Search results for \"Zürich\"");
        assertThat(item(utf8, "/utf8.txt").path("type").asText()).isEqualTo("0");
    }

    @Test
    void missingFile_returnsTheServersErrorText_andMissingDirectoryAnErrorItem() {
        JsonNode file = structured(fetch(server, peer.url("/0/does-not-exist.txt")));
        assertThat(file.path("kind").asText()).isEqualTo("text");
        assertThat(file.path("text").asText()).isEqualTo("Error: File or directory not found! (null)\n");
        JsonNode dir = structured(fetch(server, peer.url("/1/nonexistent/")));
        assertThat(dir.path("items").get(0).path("type").asText()).isEqualTo("3");
    }

    @Test
    void twoMebibyteFile_overTheCap_isTruncatedOrRejected() {
        JsonNode big = structured(fetch(server, peer.url("/0/large/big.txt")));
        assertThat(big.path("kind").asText()).isEqualTo("text");
        assertThat(big.path("truncated").asBoolean()).isTrue();
        assertThat(big.path("bytes").asLong()).isEqualTo(1048576);
        assertThat(big.path("text").asText()).startsWith("Line 0000000 of the large gopher text file for size-limit tests\n")
                .hasSize(50000);
        try (BurrowServer strict = TestSupport.server(Map.of("GOPHER_OVERSIZE", "reject"))) {
            assertThat(code(fetch(strict, peer.url("/0/large/big.txt")))).isEqualTo("TOO_LARGE");
            // the 1 MiB binary fits the default cap exactly
            JsonNode bin = structured(fetch(strict, peer.url("/9/large/big.bin")));
            assertThat(bin.path("bytes").asLong()).isEqualTo(1048576);
            assertThat(bin.path("truncated").asBoolean()).isFalse();
        }
    }

    @Test
    void batch_overThePeer_keepsOrder() {
        JsonNode results = structured(TestSupport.batch(server, List.of(peer.url("/0/about.txt"), peer.url("/"),
                peer.url("/8/telnet"), peer.url("/9/files/sample.bin")))).path("results");
        assertThat(results.get(0).path("text").asText()).contains("zyzzyva");
        assertThat(results.get(1).path("kind").asText()).isEqualTo("menu");
        assertThat(results.get(2).path("error").path("code").asText()).isEqualTo("NOT_FETCHABLE");
        assertThat(results.get(3).path("bytes").asLong()).isEqualTo(4096);
    }
}
