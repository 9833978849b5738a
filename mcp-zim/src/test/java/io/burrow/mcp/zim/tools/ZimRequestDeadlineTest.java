package io.burrow.mcp.zim.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over MCP, with one request worker: a render that takes seconds unchecked (a page of 32 MB, the most {@code zim_get}
 * renders) is answered {@code TIMEOUT} at the request deadline, or dropped when the client cancels it, and in both
 * cases the worker is free again at once, so the next call is answered soon. Without the renderer's checks (while
 * jsoup parses the page, once per chunk it reads, then every few hundred blocks) the worker stays busy for the rest
 * of the render and the next call waits for it (seen failing with them removed). How long the render takes unchecked
 * is measured in the same run, since machines differ by several times. {@code RendererCancellationTest} pins the
 * checks one by one.
 */
final class ZimRequestDeadlineTest {

    @TempDir
    static Path dir;
    /** How long the big page takes to render with no deadline near, measured once (ms). */
    private static long unchecked;

    private static ZimTestServer serverWithOneWorker(int requestTimeoutSeconds) {
        if (!java.nio.file.Files.exists(dir.resolve("big.zim"))) {
            StringBuilder big = new StringBuilder("<html><body><h1>Big</h1>");
            for (int i = 0; big.length() < 33_000_000; i++) {
                big.append("<ul><li>Item <b>").append(i).append("</b> <a href=\"x").append(i % 50)
                        .append(".html\">link</a></li><li>two</li></ul><p>Paragraph ").append(i).append(" text.</p>");
            }
            big.append("</body></html>");
            ZimArchiveBuilder.create().addHtml("big.html", "Big", big.toString()).addHtml("small.html", "Small",
                    "<html><body><p>Small page.</p></body></html>").build(dir.resolve("big.zim"));
        }
        return ZimTestServer.over(dir, "BURROW_REQUEST_THREADS", "1", "BURROW_REQUEST_TIMEOUT_SECONDS",
                String.valueOf(requestTimeoutSeconds));
    }

    /** A first call, untimed: what a server does once (its schemas, the classes of a read) is not what is timed here. */
    private static void warm(ZimTestServer zim) {
        // (other arguments than the timed calls, which must not find this one's result in the result cache)
        assertThat(zim.call("zim_get", Map.of("entry_path", "small.html", "max_content_length", 500)).path("isError")
                .asBoolean()).isFalse();
    }

    @org.junit.jupiter.api.BeforeAll
    static void measureTheRenderUnchecked() {
        try (ZimTestServer zim = serverWithOneWorker(120)) {
            warm(zim);
            unchecked = timed(() -> assertThat(render(zim).path("isError").asBoolean()).isFalse());
        }
        assertThat(unchecked).as("the page must take over 1.5 s to render on this machine, else the tests prove nothing")
                .isGreaterThan(1500);
    }

    @Test
    void aRenderPastTheDeadline_isAnsweredTimeout_andFreesItsWorker() {
        try (ZimTestServer zim = serverWithOneWorker(1)) {
            warm(zim);
            JsonNode[] slow = new JsonNode[1];
            long slowMs = timed(() -> slow[0] = render(zim));
            JsonNode[] next = new JsonNode[1];
            long nextMs = timed(() -> next[0] = zim.call("zim_get", Map.of("entry_path", "small.html")));

            assertThat(slow[0].path("isError").asBoolean()).as("%s", slow[0]).isTrue();
            assertThat(slow[0].path("structuredContent").path("error").path("code").asText()).isEqualTo("TIMEOUT");
            assertThat(slowMs).isLessThan(3000);
            assertThat(next[0].path("isError").asBoolean()).as("the next call on the same worker: %s", next[0]).isFalse();
            // an unchecked render would keep the worker for another (unchecked - 1000) ms
            assertThat(nextMs).as("the next call, after a render of %d ms unchecked", unchecked)
                    .isLessThan((unchecked - 1000) / 2);
        }
    }

    private static JsonNode render(ZimTestServer zim) {
        return zim.call("zim_get", Map.of("entry_path", "big.html", "max_content_length", 1000));
    }

    private static long timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void aCancelledRender_freesItsWorker() throws InterruptedException {
        // cancelled at 0.5 s; an unchecked render would keep the worker for another (unchecked - 500) ms
        try (ZimTestServer zim = serverWithOneWorker(120)) {
            warm(zim);
            zim.client.sendRawLine("{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"zim_get\",\"arguments\":{\"entry_path\":\"big.html\",\"max_content_length\":1000}}}");
            Thread.sleep(500);
            zim.client.notify("notifications/cancelled", Map.of("requestId", "slow", "reason", "gave up"));
            JsonNode[] next = new JsonNode[1];
            long nextMs = timed(() -> next[0] = zim.call("zim_get", Map.of("entry_path", "small.html")));

            assertThat(next[0].path("isError").asBoolean()).as("the next call on the same worker: %s", next[0]).isFalse();
            assertThat(nextMs).as("the next call, after a render of %d ms unchecked", unchecked)
                    .isLessThan((unchecked - 500) / 2);
        }
    }
}
