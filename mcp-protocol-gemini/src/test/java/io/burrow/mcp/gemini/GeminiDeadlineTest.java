package io.burrow.mcp.gemini;

import static io.burrow.mcp.gemini.GeminiTestSupport.callRaw;
import static io.burrow.mcp.gemini.GeminiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlines and cancellation of Gemini fetches (issue 12, defect 5): against a capsule that completes the
 * handshake, reads the request and never answers, a batch answers by its deadline with TIMEOUT in place
 * of what it could not fetch, no fetch outlives the request, and a cancelled call closes its connections.
 */
final class GeminiDeadlineTest {

    @TempDir
    Path dir;

    private final FakeGeminiServer capsule = FakeGeminiServer.start();

    GeminiDeadlineTest() {
        capsule.dispatcher(request -> GeminiResponse.stall());
    }

    @AfterEach
    void close() {
        capsule.close();
    }

    private List<String> unanswered(int n) {
        return IntStream.range(0, n).mapToObj(i -> capsule.url("/silent/" + i)).toList();
    }

    @Test
    void batchOfUnansweredUrls_answersByTheBatchDeadline_withTimeoutInPlace() {
        try (BurrowServer server = server(dir, Map.of("GEMINI_BATCH_DEADLINE_SECONDS", "2",
                "GEMINI_TIMEOUT_SECONDS", "30"))) {
            List<String> urls = unanswered(20);
            long t0 = System.nanoTime();
            ToolCallResult r = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> callRaw(server, "gemini_batch_fetch", "urls", urls));
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1_500L, 5_000L);
            JsonNode results = r.structured().path("results");
            assertThat(results).hasSize(20);
            results.forEach(item -> assertThat(item.path("error").path("code").asText()).isEqualTo("TIMEOUT"));
            assertThat(results.get(0).path("request_info").path("url").asText()).isEqualTo(urls.get(0));
            assertThat(results.get(19).path("error").path("hint").asText()).contains("GEMINI_BATCH_DEADLINE_SECONDS");
            assertThat(capsule.awaitClientClosed(5, Duration.ofSeconds(3))).isTrue();
            assertThat(capsule.connectionCount()).isEqualTo(5);
        }
    }

    @Test
    void aFetch_neverOutlivesTheRequestDeadline() {
        try (BurrowServer server = server(dir, Map.of("BURROW_REQUEST_TIMEOUT_SECONDS", "2",
                "GEMINI_TIMEOUT_SECONDS", "30"))) {
            long t0 = System.nanoTime();
            ToolCallResult r = assertTimeoutPreemptively(Duration.ofSeconds(15),
                    () -> callRaw(server, "gemini_fetch", "url", capsule.url("/silent")));
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000L);
            assertThat(r.structured().path("error").path("code").asText()).isEqualTo("TIMEOUT");
            assertThat(capsule.awaitClientClosed(1, Duration.ofSeconds(3))).isTrue();
        }
    }

    @Test
    void cancelledFetch_overStdio_closesItsConnection_andIsNotAnswered() throws Exception {
        try (BurrowServer server = server(dir, Map.of("GEMINI_TIMEOUT_SECONDS", "30"));
                McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            client.sendRawLine(toolCall("f1", "gemini_fetch", Json.object()
                    .put("url", capsule.url("/silent"))));
            assertThat(capsule.takeRequest(Duration.ofSeconds(5))).isNotNull();
            client.notify("notifications/cancelled", Map.of("requestId", "f1", "reason", "user"));
            assertThat(capsule.awaitClientClosed(1, Duration.ofSeconds(3))).isTrue();
            Thread.sleep(300);
            assertThat(client.notifications()).noneMatch(m -> m.path("id").asText().equals("f1"));
        }
    }

    @Test
    void cancelledBatch_overStdio_closesItsFetches_andStartsNoMore() throws Exception {
        try (BurrowServer server = server(dir, Map.of("GEMINI_BATCH_CONCURRENCY", "3", "GEMINI_TIMEOUT_SECONDS", "30"));
                McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            ObjectNode args = Json.object();
            unanswered(10).forEach(args.putArray("urls")::add);
            client.sendRawLine(toolCall("b1", "gemini_batch_fetch", args));
            for (int i = 0; i < 3; i++) {
                assertThat(capsule.takeRequest(Duration.ofSeconds(5))).isNotNull();
            }
            client.notify("notifications/cancelled", Map.of("requestId", "b1"));
            assertThat(capsule.awaitClientClosed(3, Duration.ofSeconds(3))).isTrue();
            Thread.sleep(300);
            assertThat(capsule.connectionCount()).isEqualTo(3);
            assertThat(client.notifications()).noneMatch(m -> m.path("id").asText().equals("b1"));
        }
    }

    private static String toolCall(String id, String tool, ObjectNode arguments) {
        ObjectNode msg = Json.object().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
        msg.putObject("params").put("name", tool).set("arguments", arguments);
        return msg.toString();
    }
}
