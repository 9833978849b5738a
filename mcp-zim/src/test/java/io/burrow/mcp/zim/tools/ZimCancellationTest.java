package io.burrow.mcp.zim.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.testkit.FakeToolCall;
import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ZIM tools run under their call's deadline and cancellation: a search or a render of a call the client gave up
 * on stops with {@code CANCELLED}, one past its deadline with {@code TIMEOUT}, on every path (one archive, across
 * archives, an article's rendering). Search loops themselves are tested in {@code SearchCancellationTest}.
 */
final class ZimCancellationTest {

    @TempDir
    static Path dir;
    static ZimTestServer zim;

    @BeforeAll
    static void start() {
        StringBuilder big = new StringBuilder("<html><body><h1>Big</h1>");
        for (int i = 0; i < 2000; i++) {
            big.append("<h2>Part ").append(i).append("</h2><p>Paragraph ").append(i).append(" of the big page.</p>");
        }
        big.append("</body></html>");
        // one page per test: a rendered article is cached, and a cached one is not rendered again
        ZimArchiveBuilder.create().addHtml("big.html", "Big", big.toString()).mainPath("big.html")
                .addHtml("cancelled.html", "Cancelled", big.toString())
                .addHtml("late.html", "Late", big.toString())
                .build(dir.resolve("big.zim"));
        ZimTestServer.copyFixture("peer-test-small", dir, "small.zim");
        zim = ZimTestServer.over(dir);
    }

    @AfterAll
    static void stop() {
        zim.close();
    }

    private static String codeOf(FakeToolCall call) {
        try {
            call.call(zim.server);
        } catch (BurrowException e) {
            return e.code();
        }
        return "answered";
    }

    @Test
    void aCallThatWasNotCancelled_isAnswered() {
        assertThat(codeOf(FakeToolCall.of("zim_search", Map.of("query", "test", "zim_file_path", "small.zim"))))
                .isEqualTo("answered");
        assertThat(codeOf(FakeToolCall.of("zim_get", Map.of("main_page", true, "zim_file_path", "big.zim"))))
                .isEqualTo("answered");
    }

    @Test
    void cancelledSearches_stopWithCancelled() {
        for (Map<String, Object> args : java.util.List.<Map<String, Object>>of(
                Map.of("query", "test", "zim_file_path", "small.zim"),
                Map.of("query", "test", "zim_file_path", "small.zim", "mode", "suggest"),
                Map.of("query", "test", "cross_file", true))) {
            FakeToolCall call = FakeToolCall.of("zim_search", args);
            call.cancel();
            assertThat(codeOf(call)).as("%s", args).isEqualTo("CANCELLED");
        }
    }

    @Test
    void aCancelledRender_stopsWithCancelled() {
        FakeToolCall call = FakeToolCall.of("zim_get", Map.of("entry_path", "cancelled.html", "zim_file_path", "big.zim"));
        call.cancel();

        assertThat(codeOf(call)).isEqualTo("CANCELLED");
    }

    @Test
    void callsPastTheirDeadline_stopWithTimeout() throws InterruptedException {
        FakeToolCall search = FakeToolCall.of("zim_search", Map.of("query", "test", "zim_file_path", "small.zim"))
                .withDeadline(Duration.ofNanos(1));
        FakeToolCall render = FakeToolCall.of("zim_get", Map.of("entry_path", "late.html", "zim_file_path", "big.zim"))
                .withDeadline(Duration.ofNanos(1));
        Thread.sleep(2);

        assertThat(codeOf(search)).isEqualTo("TIMEOUT");
        assertThat(codeOf(render)).isEqualTo("TIMEOUT");
    }
}
