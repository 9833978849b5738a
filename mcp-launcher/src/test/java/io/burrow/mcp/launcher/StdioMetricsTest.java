package io.burrow.mcp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stdio command with {@code BURROW_METRICS_PORT}: a scripted session in both protocol generations, then
 * the management port's {@code /metrics} in the Prometheus and OpenMetrics formats, with the MCP duration
 * histogram by tool and error type, the cache and pool meters and the JVM's; and nothing on the port
 * without the setting.
 */
final class StdioMetricsTest {

    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        runner.shutdownNow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The launcher serving stdio in the background, fed line by line. */
    private final class Session implements AutoCloseable {
        final PipedOutputStream toServer = new PipedOutputStream();
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final Future<Integer> status;

        Session(Map<String, String> env) throws IOException {
            PipedInputStream stdin = new PipedInputStream(toServer, 1 << 16);
            PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            status = runner.submit(() -> Launcher.builder("burrow", "Test.").build()
                    .run(new String[] {"stdio"}, stdin, out, err, env, Map.of()));
        }

        void send(String line) throws IOException {
            toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toServer.flush();
        }

        void awaitAnswer(int id) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!stdout.toString(StandardCharsets.UTF_8).contains("\"id\":" + id + ",")) {
                assertThat(System.nanoTime()).as("answer to request %d", id).isLessThan(until);
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws Exception {
            toServer.close();
            assertThat(status.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    private static final String MODERN_META = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private HttpResponse<String> get(int port, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one sample whose name and labels contain every fragment. */
    /** Scrapes until {@code ready} holds (a sample missing counts as not yet), for at most 10 seconds. */
    private void awaitMetrics(int port, java.util.function.Predicate<String> ready) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            String body = get(port, "/metrics", null).body();
            try {
                if (ready.test(body)) {
                    return;
                }
            } catch (AssertionError notYet) {
                if (System.nanoTime() > until) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("metrics not as expected within 10 s:\n" + body);
            }
            Thread.sleep(20);
        }
    }

    static double sample(String exposition, String name, String... fragments) {
        List<String> lines = exposition.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> List.of(fragments).stream().allMatch(l::contains)).toList();
        assertThat(lines).as("samples of %s with %s in:%n%s", name, List.of(fragments), exposition).hasSize(1);
        String line = lines.get(0);
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    @Test
    void stdio_servesMetricsOfTheSession_onTheManagementPort() throws Exception {
        int port = freePort();
        try (Session s = new Session(Map.of("BURROW_METRICS_PORT", String.valueOf(port)))) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                    + "\"capabilities\":{}}}");
            s.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            // one at a time: the first call fills the cache, the others hit it
            s.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"probe_fetch\"}}");
            s.awaitAnswer(2);
            s.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"probe_fetch\"}}");
            s.awaitAnswer(3);
            s.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"probe_fail\"}}");
            s.awaitAnswer(4);
            s.send("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"probe_fetch\","
                    + MODERN_META + "}}");
            s.awaitAnswer(5);
            // a request is measured just after its answer left: wait for the last ones
            String fetched = "gen_ai_tool_name=\"probe_fetch\"";
            awaitMetrics(port, m -> sample(m, "mcp_server_operation_duration_seconds_count", fetched,
                    "mcp_protocol_version=\"2025-11-25\"") == 2
                    && sample(m, "mcp_server_operation_duration_seconds_count", fetched,
                            "mcp_protocol_version=\"2026-07-28\"") == 1
                    && sample(m, "mcp_server_operation_duration_seconds_count", "gen_ai_tool_name=\"probe_fail\"") == 1);

            HttpResponse<String> r = get(port, "/metrics", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
            String m = r.body();
            String fetch = "gen_ai_tool_name=\"probe_fetch\"";
            assertThat(sample(m, "mcp_server_operation_duration_seconds_count", fetch,
                    "mcp_protocol_version=\"2025-11-25\"", "network_transport=\"pipe\"")).isEqualTo(2);
            assertThat(sample(m, "mcp_server_operation_duration_seconds_count", fetch,
                    "mcp_protocol_version=\"2026-07-28\"")).isEqualTo(1);
            assertThat(sample(m, "mcp_server_operation_duration_seconds_bucket", fetch,
                    "mcp_protocol_version=\"2025-11-25\"", "le=\"300.0\"")).isEqualTo(2);
            assertThat(sample(m, "mcp_server_operation_duration_seconds_count", "gen_ai_tool_name=\"probe_fail\"",
                    "error_type=\"tool_error\"")).isEqualTo(1);
            assertThat(sample(m, "burrow_request_errors_total", "error_code=\"FETCH_ERROR\"")).isEqualTo(1);
            assertThat(sample(m, "mcp_server_operation_duration_seconds_count", "mcp_method_name=\"initialize\""))
                    .isEqualTo(1);
            assertThat(sample(m, "cache_gets_total", "cache=\"probe.answers\"", "result=\"hit\"")).isEqualTo(2);
            assertThat(sample(m, "cache_gets_total", "cache=\"probe.answers\"", "result=\"miss\"")).isEqualTo(1);
            assertThat(sample(m, "executor_active_threads", "name=\"burrow.requests\"")).isGreaterThanOrEqualTo(0);
            assertThat(m).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads ", "process_uptime_seconds ",
                    "logback_events_total{");

            HttpResponse<String> om = get(port, "/metrics", "application/openmetrics-text;version=1.0.0");
            assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
            assertThat(om.body()).contains("# TYPE mcp_server_operation_duration_seconds histogram").endsWith("# EOF\n");

            assertThat(get(port, "/mcp", null).statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(405);
        }
    }

    @Test
    void stdio_withoutTheSetting_servesNoMetrics() throws Exception {
        int port = freePort();
        try (Session s = new Session(Map.of())) {
            s.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + MODERN_META + "}}");
            s.awaitAnswer(1);
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> get(port, "/metrics", null)))
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }
}
