package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Politeness: at most GOPHER_MAX_CONCURRENT_PER_HOST (default 5, gopher-mcp's) connections to one host at once,
 * while another host is served meanwhile; waiting callers are served in turn (UpstreamTest shows RATE_LIMITED
 * for a caller whose deadline passes first).
 */
final class GopherHostConcurrencyTest {

    private final FakeGopherServer busy = new FakeGopherServer().start();
    private final FakeGopherServer other = new FakeGopherServer().start();
    private final AtomicInteger now = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private BurrowServer server;

    GopherHostConcurrencyTest() {
        busy.dispatcher(request -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                release.await(20, TimeUnit.SECONDS);
            } finally {
                now.decrementAndGet();
            }
            return GopherResponse.text("slow " + request.selector() + "\r\n");
        });
        other.dispatcher(request -> GopherResponse.text("quick\r\n"));
    }

    @AfterEach
    void close() {
        release.countDown();
        callers.shutdownNow();
        if (server != null) {
            server.close();
        }
        busy.close();
        other.close();
    }

    private List<Future<ToolCallResult>> fetchBusy(int n) {
        List<Future<ToolCallResult>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String url = busy.url('0', "/page" + i);
            calls.add(callers.submit(() -> fetch(server, url)));
        }
        return calls;
    }

    private void awaitConnections(FakeGopherServer s, int n) throws InterruptedException {
        for (int i = 0; i < 200 && s.requestCount() < n; i++) {
            Thread.sleep(25);
        }
        assertThat(s.requestCount()).isEqualTo(n);
    }

    private JsonNode perHost() {
        return ToolCallResult.of(server.callTool("health", Json.object())).structured().path("module_health")
                .path("gopher").path("per_host");
    }

    @Test
    void byDefault_atMostFiveConnectionsToOneHost_whileAnotherHostIsServed() throws Exception {
        server = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false", "GOPHER_REQUESTS_PER_MINUTE", "0"));
        List<Future<ToolCallResult>> calls = fetchBusy(8);
        awaitConnections(busy, 5);
        Thread.sleep(300); // room for a sixth connection, were the cap not there
        assertThat(busy.connectionCount()).isEqualTo(5);
        assertThat(perHost().path("max_concurrent").asInt()).isEqualTo(5);
        assertThat(perHost().path("hosts_at_limit").asInt()).isEqualTo(1);

        ToolCallResult quick = fetch(server, other.url('0', "/q"));
        assertThat(quick.isError()).isFalse();
        assertThat(quick.text()).contains("quick");
        assertThat(busy.connectionCount()).as("the busy host still holds its callers").isEqualTo(5);

        release.countDown();
        for (Future<ToolCallResult> f : calls) {
            ToolCallResult r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.isError()).as("%s", r.structured()).isFalse();
        }
        assertThat(busy.connectionCount()).isEqualTo(8);
        assertThat(most.get()).isEqualTo(5);
    }

    @Test
    void theSetting_narrowsTheCap_andWaitingCallersAreServedInTurn() throws Exception {
        server = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false", "GOPHER_REQUESTS_PER_MINUTE", "0",
                "GOPHER_MAX_CONCURRENT_PER_HOST", "1"));
        List<Future<ToolCallResult>> calls = fetchBusy(3);
        awaitConnections(busy, 1);
        Thread.sleep(300);
        assertThat(busy.connectionCount()).isEqualTo(1);
        assertThat(perHost().path("max_concurrent").asInt()).isEqualTo(1);
        release.countDown();
        for (Future<ToolCallResult> f : calls) {
            assertThat(f.get(20, TimeUnit.SECONDS).isError()).isFalse();
        }
        assertThat(busy.connectionCount()).isEqualTo(3);
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void zero_turnsTheCapOff() throws Exception {
        server = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false", "GOPHER_REQUESTS_PER_MINUTE", "0",
                "GOPHER_MAX_CONCURRENT_PER_HOST", "0"));
        List<Future<ToolCallResult>> calls = fetchBusy(7);
        awaitConnections(busy, 7);
        release.countDown();
        for (Future<ToolCallResult> f : calls) {
            assertThat(f.get(20, TimeUnit.SECONDS).isError()).isFalse();
        }
        assertThat(most.get()).isEqualTo(7);
    }
}
