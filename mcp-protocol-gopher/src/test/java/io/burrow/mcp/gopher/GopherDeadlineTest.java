package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.batch;
import static io.burrow.mcp.gopher.TestSupport.fetch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and cancellation of Gopher fetches (issue 12, defect 5): against a server that accepts and
 * never answers, a batch answers by its deadline with TIMEOUT in place of what it could not fetch, no
 * fetch outlives the request, and a cancelled call closes its connections.
 */
final class GopherDeadlineTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private BurrowServer server;

    GopherDeadlineTest() {
        gopher.dispatcher(request -> GopherResponse.stall());
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        gopher.close();
    }

    private List<String> unanswered(int n) {
        return IntStream.range(0, n).mapToObj(i -> gopher.url('0', "/silent/" + i)).toList();
    }

    @Test
    void batchOfUnansweredUrls_answersByTheBatchDeadline_withTimeoutInPlace() {
        server = TestSupport.server(Map.of("GOPHER_BATCH_DEADLINE_SECONDS", "2", "GOPHER_TIMEOUT_SECONDS", "30",
                "GOPHER_CACHE_ENABLED", "false"));
        List<String> urls = unanswered(50);
        long t0 = System.nanoTime();
        ToolCallResult r = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> batch(server, urls));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(1_500L, 5_000L);
        assertThat(r.isError()).isFalse();
        JsonNode results = r.structured().path("results");
        assertThat(results).hasSize(50);
        results.forEach(item -> assertThat(item.path("error").path("code").asText()).isEqualTo("TIMEOUT"));
        assertThat(results.get(0).path("request_info").path("url").asText()).isEqualTo(urls.get(0));
        assertThat(results.get(49).path("error").path("hint").asText()).contains("GOPHER_BATCH_DEADLINE_SECONDS");
        // the five fetches in flight were closed at the deadline; the others never started
        assertThat(gopher.awaitClientClosed(5, Duration.ofSeconds(3))).isTrue();
        assertThat(gopher.connectionCount()).isEqualTo(5);
    }

    @Test
    void aFetch_neverOutlivesTheRequestDeadline() {
        server = TestSupport.server(Map.of("BURROW_REQUEST_TIMEOUT_SECONDS", "2", "GOPHER_TIMEOUT_SECONDS", "30"));
        long t0 = System.nanoTime();
        ToolCallResult r = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> fetch(server, gopher.url('0', "/silent")));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000L);
        assertThat(TestSupport.code(r)).isEqualTo("TIMEOUT");
        assertThat(gopher.awaitClientClosed(1, Duration.ofSeconds(3))).isTrue();
    }

    @Test
    void cancelledFetch_overStdio_closesItsConnection_andIsNotAnswered() throws Exception {
        server = TestSupport.server(Map.of());
        try (McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            client.sendRawLine(toolCall("f1", "gopher_fetch", Json.object()
                    .put("url", gopher.url('0', "/silent"))));
            assertThat(gopher.takeRequest(Duration.ofSeconds(5))).isNotNull();
            client.notify("notifications/cancelled", Map.of("requestId", "f1", "reason", "user"));
            assertThat(gopher.awaitClientClosed(1, Duration.ofSeconds(3))).isTrue();
            Thread.sleep(300);
            assertThat(client.notifications()).noneMatch(m -> m.path("id").asText().equals("f1"));
        }
    }

    @Test
    void cancelledBatch_overStdio_closesItsFetches_andStartsNoMore() throws Exception {
        server = TestSupport.server(Map.of("GOPHER_BATCH_CONCURRENCY", "3", "GOPHER_CACHE_ENABLED", "false"));
        try (McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            ObjectNode args = Json.object();
            unanswered(10).forEach(args.putArray("urls")::add);
            client.sendRawLine(toolCall("b1", "gopher_batch_fetch", args));
            for (int i = 0; i < 3; i++) {
                assertThat(gopher.takeRequest(Duration.ofSeconds(5))).isNotNull();
            }
            client.notify("notifications/cancelled", Map.of("requestId", "b1"));
            assertThat(gopher.awaitClientClosed(3, Duration.ofSeconds(3))).isTrue();
            Thread.sleep(300);
            assertThat(gopher.connectionCount()).isEqualTo(3);
            assertThat(client.notifications()).noneMatch(m -> m.path("id").asText().equals("b1"));
        }
    }

    private static String toolCall(String id, String tool, ObjectNode arguments) {
        ObjectNode msg = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
        msg.putObject("params").put("name", tool).set("arguments", arguments);
        return msg.toString();
    }
}
