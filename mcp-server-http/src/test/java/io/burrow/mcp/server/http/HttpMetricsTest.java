package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.launcher.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP launcher's management port and access log: {@code /metrics} on its own port without the MCP
 * token, with the duration histogram of requests made over HTTP, the Jetty thread pool and the session
 * gauge; one access-log line per request that never holds the token.
 */
final class HttpMetricsTest {

    private static final String TOKEN = "metrics-test-token-0123456789";

    @AfterEach
    void restoreLogging() {
        Launcher.configureLogging("info", "text", System.err);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean measured(String exposition) {
        try {
            return sample(exposition, "mcp_server_operation_duration_seconds_count", "gen_ai_tool_name=\"health\"") == 1;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static double sample(String exposition, String name, String... fragments) {
        List<String> lines = exposition.lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .filter(l -> List.of(fragments).stream().allMatch(l::contains)).toList();
        assertThat(lines).as("samples of %s with %s", name, List.of(fragments)).hasSize(1);
        return Double.parseDouble(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1));
    }

    @Test
    void http_servesMetricsOnTheManagementPort_andLogsEveryRequest() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Launcher.configureLogging("info", "text", log);
        int metricsPort = freePort();
        AtomicReference<BurrowHttpServer> started = new AtomicReference<>();
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"http", "--metrics-port", String.valueOf(metricsPort)},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                Map.of("BURROW_HTTP_PORT", "0", "BURROW_AUTH_TOKEN", TOKEN, "BURROW_HTTP_ACCESS_LOG", "true"),
                Map.of(), started::set));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (started.get() == null && !status.isDone() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        BurrowHttpServer http = started.get();
        assertThat(http).as("server started (status %s)", status.isDone() ? status.join() : "running").isNotNull();
        try {
            Map<String, String> auth = new HashMap<>(Http.mcpHeaders());
            assertThat(Http.post(http.endpoint(), Http.INIT, auth).statusCode()).isEqualTo(401);
            auth.put("Authorization", "Bearer " + TOKEN);
            HttpResponse<String> init = Http.post(http.endpoint(), Http.INIT, auth);
            assertThat(init.statusCode()).isEqualTo(200);
            auth.put("Mcp-Session-Id", init.headers().firstValue("Mcp-Session-Id").orElseThrow());
            auth.put("MCP-Protocol-Version", "2025-06-18");
            String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"health\"}}";
            assertThat(Http.post(http.endpoint(), call, auth).statusCode()).isEqualTo(200);

            URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
            // a request is measured just after its answer left: wait for the call's
            long measuredBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!measured(Http.get(metrics, Map.of()).body()) && System.nanoTime() < measuredBy) {
                Thread.sleep(20);
            }
            HttpResponse<String> r = Http.get(metrics, Map.of());
            assertThat(r.statusCode()).as("no token needed on the management port").isEqualTo(200);
            String m = r.body();
            assertThat(sample(m, "mcp_server_operation_duration_seconds_count", "gen_ai_tool_name=\"health\"",
                    "network_transport=\"tcp\"", "mcp_protocol_version=\"2025-06-18\"")).isEqualTo(1);
            assertThat(sample(m, "mcp_server_operation_duration_seconds_count", "mcp_method_name=\"initialize\""))
                    .isEqualTo(1);
            assertThat(sample(m, "burrow_http_sessions")).isEqualTo(1);
            assertThat(sample(m, "jetty_threads_config_max")).isEqualTo(200);
            assertThat(m).contains("jetty_threads_busy", "jetty_threads_jobs", "burrow_http_requests_active",
                    "executor_queued_tasks{name=\"burrow.requests\"}");
            assertThat(Http.get(URI.create("http://127.0.0.1:" + metricsPort + "/mcp"), Map.of()).statusCode())
                    .isEqualTo(404);
        } finally {
            http.close();
        }
        assertThat(status.get(30, TimeUnit.SECONDS)).isZero();

        String lines = log.toString(StandardCharsets.UTF_8);
        assertThat(lines).containsPattern("burrow\\.access - POST /mcp 401 \\d+ ms client [0-9a-f]{12}")
                .containsPattern("burrow\\.access - POST /mcp 200 \\d+ ms client [0-9a-f]{12}")
                .doesNotContain(TOKEN);
    }
}
