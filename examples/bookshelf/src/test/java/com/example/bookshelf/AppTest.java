package com.example.bookshelf;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.testkit.McpTestClient.Era;
import io.burrow.mcp.testkit.McpTester;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole application over HTTP: its own module and Gopher, against a fake Gopher server. */
class AppTest {

    @AutoClose
    final FakeGopherServer gopher = new FakeGopherServer().start();
    @AutoClose
    final App app = App.start(0, ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
            // the fake answers from a queue: a robots.txt request would take the queued answer
            "GOPHER_RESPECT_ROBOTS_TXT", "false")));

    @ParameterizedTest
    @EnumSource(Era.class)
    void servesTheShelfAndGopherOverHttp(Era era) throws Exception {
        gopher.enqueue(GopherResponse.text("Reading list: SICP, then the dragon book.\r\n"));

        try (McpTester client = McpTester.builder().era(era).http(app.endpoint())) {
            assertThat(client.serverInfo().path("name").asText()).isEqualTo("bookshelf");
            client.call("book_lookup", Map.of("query", "design")).assertOk();
            var fetched = client.call("gopher_fetch", Map.of("url", gopher.url('0', "/reading-list.txt"))).assertOk();
            assertThat(fetched.text()).contains("Reading list");
        }
        assertThat(gopher.takeRequest().selector()).isEqualTo("/reading-list.txt");
    }
}
