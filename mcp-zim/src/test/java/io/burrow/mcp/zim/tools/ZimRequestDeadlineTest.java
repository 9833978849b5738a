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
 * Over MCP, with one request worker: a render that takes several seconds unchecked (a 24 MB page, even on an idle machine)
 * is answered {@code TIMEOUT} at the request deadline, or dropped when the client cancels it, and in both cases the
 * worker is free again at once, so the next call is answered within its own deadline. Without the renderer's
 * checks (while jsoup parses the page, once per chunk it reads, then every few hundred blocks) the worker stays busy
 * and the next call times out too (seen failing with them removed). {@code RendererCancellationTest} pins the checks
 * one by one.
 */
final class ZimRequestDeadlineTest {

    @TempDir
    Path dir;

    private ZimTestServer serverWithOneWorker(int requestTimeoutSeconds) {
        StringBuilder big = new StringBuilder("<html><body><h1>Big</h1>");
        for (int i = 0; big.length() < 24_000_000; i++) {
            big.append("<ul><li>Item <b>").append(i).append("</b> <a href=\"x").append(i % 50)
                    .append(".html\">link</a></li><li>two</li></ul><p>Paragraph ").append(i).append(" text.</p>");
        }
        big.append("</body></html>");
        ZimArchiveBuilder.create().addHtml("big.html", "Big", big.toString()).addHtml("small.html", "Small",
                "<html><body><p>Small page.</p></body></html>").build(dir.resolve("big.zim"));
        return ZimTestServer.over(dir, "BURROW_REQUEST_THREADS", "1", "BURROW_REQUEST_TIMEOUT_SECONDS",
                String.valueOf(requestTimeoutSeconds));
    }

    /** A first call, untimed: what a server does once (its schemas, the classes of a read) is not what is timed here. */
    private static void warm(ZimTestServer zim) {
        // (other arguments than the timed calls, which must not find this one's result in the result cache)
        assertThat(zim.call("zim_get", Map.of("entry_path", "small.html", "max_content_length", 500)).path("isError")
                .asBoolean()).isFalse();
    }

    @Test
    void aRenderPastTheDeadline_isAnsweredTimeout_andFreesItsWorker() {
        // the render (several seconds unchecked, even on a fast machine) is answered at 2 s; the next call, queued
        // behind it, has its own 2 s from then: done by 4 s only if the render let go of the one worker (with 1 s the
        // render's own stop, late on a loaded machine, could use up the next call's budget)
        try (ZimTestServer zim = serverWithOneWorker(2)) {
            warm(zim);
            long t0 = System.nanoTime();
            JsonNode slow = zim.call("zim_get", Map.of("entry_path", "big.html", "max_content_length", 1000));
            long slowMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            assertThat(slow.path("isError").asBoolean()).as("%s", slow).isTrue();
            assertThat(slow.path("structuredContent").path("error").path("code").asText()).isEqualTo("TIMEOUT");
            assertThat(slowMs).isLessThan(4000);

            JsonNode next = zim.call("zim_get", Map.of("entry_path", "small.html"));
            assertThat(next.path("isError").asBoolean()).as("the next call on the same worker: %s", next).isFalse();
        }
    }

    @Test
    void aCancelledRender_freesItsWorker() throws InterruptedException {
        // cancelled at 1 s; the next call, queued behind it, must be done by 4 s
        try (ZimTestServer zim = serverWithOneWorker(3)) {
            warm(zim);
            zim.client.sendRawLine("{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"tools/call\",\"params\":{"
                    + "\"name\":\"zim_get\",\"arguments\":{\"entry_path\":\"big.html\",\"max_content_length\":1000}}}");
            Thread.sleep(1000);
            zim.client.notify("notifications/cancelled", Map.of("requestId", "slow", "reason", "gave up"));

            JsonNode next = zim.call("zim_get", Map.of("entry_path", "small.html"));
            assertThat(next.path("isError").asBoolean()).as("the next call on the same worker: %s", next).isFalse();
        }
    }
}
