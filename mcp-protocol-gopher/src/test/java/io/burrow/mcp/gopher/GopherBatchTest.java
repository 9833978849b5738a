package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.batch;
import static io.burrow.mcp.gopher.TestSupport.structured;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import io.burrow.mcp.testkit.SchemaAssert;
import io.burrow.mcp.testkit.FakeToolCall;
import io.burrow.mcp.testkit.ToolCallResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class GopherBatchTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final BurrowServer server = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false",
            "GOPHER_BATCH_CONCURRENCY", "3"));

    @AfterEach
    void close() {
        server.close();
        gopher.close();
    }

    private void answerBySelector() {
        gopher.dispatcher(req -> switch (req.selector()) {
            case "" -> gopher.menu().item('0', "t", "/t").build();
            case "/t" -> GopherResponse.text("text " + req.selector());
            case "/slow" -> GopherResponse.text("slow").withDelay(Duration.ofMillis(200));
            default -> GopherResponse.refuse();
        });
    }

    @Test
    void batch_returnsResultsInInputOrder_withPerUrlErrors() {
        answerBySelector();
        List<String> urls = List.of(gopher.url('0', "/slow"), gopher.rootUrl(), "ftp://nope/", gopher.url('0', "/t"),
                gopher.url('T', "/tn3270"), gopher.url('0', "/reset"));
        ToolCallResult r = batch(server, urls);
        assertThat(r.isError()).isFalse();
        JsonNode results = structured(r).path("results");
        assertThat(results).hasSize(6);
        List<String> kinds = new ArrayList<>();
        results.forEach(n -> kinds.add(n.path("kind").asText()));
        assertThat(kinds).containsExactly("text", "menu", "error", "text", "error", "error");
        assertThat(results.get(0).path("text").asText()).isEqualTo("slow");
        assertThat(results.get(2).path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(results.get(2).path("request_info").path("url").asText()).isEqualTo("ftp://nope/");
        assertThat(results.get(4).path("error").path("code").asText()).isEqualTo("NOT_FETCHABLE");
        assertThat(results.get(5).path("error").path("code").asText()).isEqualTo("FETCH_ERROR");
        assertThat(TestSupport.text(r)).contains("=== [1/6] " + urls.get(0) + " ===", "Error NOT_FETCHABLE");
        JsonNode tool = server.advertisedTools().stream()
                .filter(t -> t.path("name").asText().equals("gopher_batch_fetch")).findFirst().orElseThrow();
        SchemaAssert.matches(tool.path("outputSchema"), r.structured());
    }

    @Test
    void batch_concurrency_isBounded() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        gopher.dispatcher(req -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            Thread.sleep(100);
            inFlight.decrementAndGet();
            return GopherResponse.text("ok");
        });
        List<String> urls = IntStream.range(0, 9).mapToObj(i -> gopher.url('0', "/" + i)).toList();
        JsonNode results = structured(batch(server, urls)).path("results");
        assertThat(results).hasSize(9);
        assertThat(maxInFlight.get()).isBetween(2, 3);
    }

    @Test
    void batch_overFiftyUrls_isRefusedWithoutFetching() {
        List<String> urls = Collections.nCopies(51, gopher.rootUrl());
        ToolCallResult r = batch(server, urls);
        assertThat(r.isError()).isTrue();
        assertThat(TestSupport.code(r)).isEqualTo("INVALID_REQUEST");
        assertThat(structured(r).path("error").path("message").asText()).contains("51", "max 50");
        assertThat(gopher.connectionCount()).isZero();
    }

    @Test
    void batch_empty_isEmptyResults() {
        assertThat(structured(batch(server, List.of())).path("results")).isEmpty();
    }

    @Test
    void batch_sendsIncreasingProgressWhenAsked() {
        answerBySelector();
        ToolDefinition tool = server.tools().stream().filter(t -> t.name().equals("gopher_batch_fetch")).findFirst()
                .orElseThrow();
        ObjectNode args = Json.object();
        args.putArray("urls").add(gopher.url('0', "/t")).add(gopher.rootUrl()).add(gopher.url('0', "/slow"));
        FakeToolCall call = FakeToolCall.of("gopher_batch_fetch", args).withProgress();
        ToolResult result = tool.handler().call(call);
        assertThat(Json.toTree(result.structured()).path("results")).hasSize(3);
        assertThat(call.progress()).hasSize(3);
        assertThat(call.progress()).extracting(FakeToolCall.Progress::total).containsOnly(3.0);
        assertThat(call.progress()).extracting(FakeToolCall.Progress::progress).containsExactlyInAnyOrder(1.0, 2.0, 3.0);
    }
}
