package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.code;
import static io.burrow.mcp.gopher.TestSupport.fetch;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** robots.txt for Gopher: on by default, selector robots.txt, read once per host, fails open by default. */
final class GopherRobotsTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final List<String> selectors = new ArrayList<>();
    private BurrowServer server = TestSupport.server(Map.of("GOPHER_RESPECT_ROBOTS_TXT", "true"));

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    private void serve(GopherResponse robots) {
        gopher.dispatcher(req -> {
            synchronized (selectors) {
                selectors.add(req.selector());
            }
            return req.selector().equals("robots.txt") ? robots : GopherResponse.text("content of " + req.selector());
        });
    }

    @Test
    void disallowedSelector_isBlockedByRobots_withTheRule_andRobotsTxtIsReadOncePerHost() {
        serve(GopherResponse.text("User-agent: *\nDisallow: /private\n"));
        ToolCallResult blocked = fetch(server, gopher.url('0', "/private/diary.txt"));
        assertThat(blocked.isError()).isTrue();
        assertThat(code(blocked)).isEqualTo("BLOCKED_BY_ROBOTS");
        assertThat(structured(blocked).path("error").path("rule").asText()).isEqualTo("Disallow: /private");
        assertThat(structured(blocked).path("error").path("user_agent").asText()).isEqualTo("*");
        assertThat(structured(blocked).path("error").path("robots_url").asText()).endsWith("/0robots.txt");
        ToolCallResult ok = fetch(server, gopher.url('0', "/public.txt"));
        assertThat(structured(ok).path("text").asText()).isEqualTo("content of /public.txt");
        assertThat(selectors).containsExactly("robots.txt", "/public.txt");
    }

    @Test
    void rulesMayNameTheUrlPath_withTheItemType() {
        serve(GopherResponse.text("User-agent: burrow\nDisallow: /1/secret\n"));
        assertThat(code(fetch(server, gopher.url('1', "/secret")))).isEqualTo("BLOCKED_BY_ROBOTS");
        assertThat(fetch(server, gopher.url('0', "/secret")).isError()).isFalse();
    }

    @Test
    void aiCrawlerGroups_applyByDefault_andNotWhenTurnedOff() {
        serve(GopherResponse.text("User-agent: GPTBot\nDisallow: /\n"));
        assertThat(code(fetch(server, gopher.url('0', "/a")))).isEqualTo("BLOCKED_BY_ROBOTS");
        server.close();
        server = TestSupport.server(Map.of("GOPHER_RESPECT_ROBOTS_TXT", "true", "GOPHER_ROBOTS_HONOR_AI_TOKENS", "false"));
        assertThat(fetch(server, gopher.url('0', "/a")).isError()).isFalse();
    }

    @Test
    void noRobotsTxt_anErrorAnswerAllowsEverything() {
        serve(GopherResponse.menu("3'robots.txt' does not exist\t\terror.host\t1"));
        assertThat(fetch(server, gopher.url('0', "/x")).isError()).isFalse();
    }

    @Test
    void unreadableRobotsTxt_proceedsByDefault_andRefusesWhenConfigured() {
        serve(GopherResponse.text("never read").withDelay(Duration.ofSeconds(5)));
        server.close();
        server = TestSupport.server(Map.of("GOPHER_RESPECT_ROBOTS_TXT", "true", "GOPHER_TIMEOUT_SECONDS", "0.5"));
        // the robots.txt read times out within the one deadline, then the fetch itself has no time left
        ToolCallResult r = fetch(server, gopher.url('0', "/x"));
        assertThat(code(r)).isEqualTo("TIMEOUT");

        FakeGopherServer refusing = new FakeGopherServer().start();
        try {
            refusing.dispatcher(req -> req.selector().equals("robots.txt") ? GopherResponse.text("x".repeat(100)).withResetAfter(10)
                    : GopherResponse.text("fine"));
            assertThat(structured(fetch(server, refusing.url('0', "/x"))).path("text").asText()).isEqualTo("fine");
            server.close();
            server = TestSupport.server(Map.of("GOPHER_RESPECT_ROBOTS_TXT", "true", "GOPHER_ROBOTS_UNAVAILABLE", "refuse"));
            ToolCallResult refused = fetch(server, refusing.url('0', "/x"));
            assertThat(code(refused)).isEqualTo("ROBOTS_UNAVAILABLE");
            assertThat(structured(refused).path("error").path("reason").asText()).isNotBlank();
        } finally {
            refusing.close();
        }
    }

    @Test
    void respectRobotsTxtIsTheDefault() {
        assertThat(io.burrow.mcp.gopher.tools.GopherSettings.defaults().robots().respectRobotsTxt()).isTrue();
        assertThat(io.burrow.mcp.gopher.tools.GopherSettings.defaults().robotsUnavailable().name()).isEqualTo("ALLOW");
    }
}
