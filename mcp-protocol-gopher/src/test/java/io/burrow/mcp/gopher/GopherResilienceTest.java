package io.burrow.mcp.gopher;

import static io.burrow.mcp.gopher.TestSupport.code;
import static io.burrow.mcp.gopher.TestSupport.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.ToolCallResult;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Resilience of Gopher fetches (core {@code Upstream}): a host's circuit breaker opens after repeated refused
 * connections, fails fast while open (no connection is even tried), lets one probe through after its open
 * duration and closes when the probe succeeds; refused connections are retried, a failure after bytes were
 * exchanged never is; a full bulkhead answers OVERLOADED at once.
 */
final class GopherResilienceTest {

    /** A clock the test moves by hand (the breakers' open duration). */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private FakeGopherServer gopher;
    private BurrowServer server;

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        if (gopher != null) {
            gopher.close();
        }
    }

    private BurrowServer server(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of("GOPHER_CACHE_ENABLED", "false"));
        env.putAll(settings);
        return TestSupport.builder(env).clock(clock).telemetry(Telemetry.builder().meterRegistry(meters).build())
                .build();
    }

    private JsonNode gopherHealth() {
        JsonNode h = ToolCallResult.of(server.callTool("health", Json.object())).structured();
        return h.path("module_health").path("gopher");
    }

    private double counter(String name, String... tags) {
        var c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void breaker_opensOnRefusedConnections_failsFastWhileOpen_closesAfterRecovery() {
        int port = FakeGopherServer.closedPort();
        String url = "gopher://127.0.0.1:" + port + "/0/page";
        server = server(Map.of("GOPHER_BREAKER_FAILURE_THRESHOLD", "3", "GOPHER_BREAKER_OPEN_SECONDS", "30",
                "GOPHER_CONNECT_RETRIES", "1", "GOPHER_RETRY_BACKOFF_MILLIS", "10"));

        for (int i = 0; i < 3; i++) {
            ToolCallResult r = fetch(server, url);
            assertThat(code(r)).as("attempt %d", i).isEqualTo("FETCH_ERROR");
            assertThat(r.structured().path("error").path("message").asText()).contains("refused");
        }
        assertThat(counter("burrow.upstream.connect.retries", "protocol", "gopher")).as("one retry per fetch")
                .isEqualTo(3);
        assertThat(gopherHealth().path("circuit_breakers").path("open").asInt()).isEqualTo(1);
        assertThat(gopherHealth().path("status").asText()).isEqualTo("degraded");

        // the upstream comes back, but the breaker is open: no connection is even tried
        gopher = new FakeGopherServer().start(port);
        gopher.dispatcher(request -> GopherResponse.text("back again\r\n"));
        long t0 = System.nanoTime();
        ToolCallResult open = fetch(server, url);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1_000);
        assertThat(code(open)).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(open.structured().path("error").path("retry_after_seconds").asInt())
                .isBetween(1, 30);
        assertThat(gopher.connectionCount()).isZero();
        JsonNode item = TestSupport.batch(server, java.util.List.of(url)).structured().path("results").get(0);
        assertThat(item.path("error").path("code").asText()).as("a batch item too").isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(gopher.connectionCount()).isZero();
        assertThat(counter("burrow.upstream.breaker.transitions", "protocol", "gopher", "state", "open")).isEqualTo(1);
        assertThat(meters.find("burrow.upstream.fetch.duration").tags("outcome", "breaker_open").timer().count())
                .isEqualTo(2);

        // after the open duration one probe goes through; it succeeds and the breaker closes
        clock.advance(Duration.ofSeconds(31));
        ToolCallResult probe = fetch(server, url);
        assertThat(probe.isError()).isFalse();
        assertThat(probe.text()).contains("back again");
        assertThat(gopher.connectionCount()).isEqualTo(1);
        assertThat(gopherHealth().path("circuit_breakers").path("open").asInt()).isZero();
        assertThat(gopherHealth().path("status").asText()).isEqualTo("ok");
        assertThat(fetch(server, url).isError()).isFalse();
        assertThat(gopher.connectionCount()).isEqualTo(2);
        assertThat(counter("burrow.upstream.breaker.transitions", "protocol", "gopher", "state", "closed"))
                .isEqualTo(1);
    }

    @Test
    void breaker_aFailedProbe_opensItAgain() {
        int port = FakeGopherServer.closedPort();
        String url = "gopher://127.0.0.1:" + port + "/0/page";
        server = server(Map.of("GOPHER_BREAKER_FAILURE_THRESHOLD", "2", "GOPHER_CONNECT_RETRIES", "0"));
        fetch(server, url);
        fetch(server, url);
        assertThat(code(fetch(server, url))).isEqualTo("UPSTREAM_UNAVAILABLE");
        clock.advance(Duration.ofSeconds(31));
        assertThat(code(fetch(server, url))).as("the probe").isEqualTo("FETCH_ERROR");
        assertThat(code(fetch(server, url))).isEqualTo("UPSTREAM_UNAVAILABLE");
    }

    @Test
    void aFailureAfterBytesWereExchanged_isNeverRetried() {
        gopher = new FakeGopherServer().start();
        gopher.dispatcher(request -> GopherResponse.text("x".repeat(5000)).withResetAfter(100));
        server = server(Map.of("GOPHER_CONNECT_RETRIES", "3", "GOPHER_RETRY_BACKOFF_MILLIS", "10"));
        ToolCallResult r = fetch(server, gopher.url('0', "/partial"));
        assertThat(r.isError()).isTrue();
        assertThat(code(r)).isEqualTo("FETCH_ERROR");
        assertThat(gopher.connectionCount()).as("one connection, no retry").isEqualTo(1);
        assertThat(counter("burrow.upstream.connect.retries", "protocol", "gopher")).isZero();
        assertThat(meters.find("burrow.upstream.bytes").tags("direction", "received").counter().count())
                .isGreaterThanOrEqualTo(100);
    }

    @Test
    void aFullBulkhead_answersOverloadedAtOnce() throws Exception {
        gopher = new FakeGopherServer().start();
        gopher.dispatcher(request -> request.selector().startsWith("/slow")
                ? GopherResponse.text("late").withDelay(Duration.ofSeconds(2)) : GopherResponse.text("quick"));
        server = server(Map.of("GOPHER_MAX_CONCURRENT_REQUESTS", "1", "GOPHER_MAX_QUEUED_REQUESTS", "0"));
        CompletableFuture<ToolCallResult> slow = CompletableFuture.supplyAsync(
                () -> fetch(server, gopher.url('0', "/slow")));
        gopher.takeRequest(Duration.ofSeconds(5));
        ToolCallResult refused = fetch(server, gopher.url('0', "/quick"));
        assertThat(code(refused)).isEqualTo("OVERLOADED");
        assertThat(refused.structured().path("error").path("retry_after_seconds").asInt())
                .isPositive();
        assertThat(gopherHealth().path("bulkhead").path("in_flight").asInt()).isEqualTo(1);
        assertThat(slow.get(10, TimeUnit.SECONDS).isError()).isFalse();
        assertThat(fetch(server, gopher.url('0', "/quick")).isError()).isFalse();
    }
}
