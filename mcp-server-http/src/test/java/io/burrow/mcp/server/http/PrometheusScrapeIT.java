package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus (Debian's {@code prometheus}, on 127.0.0.1) scrapes the HTTP jar's management port every
 * second while a scripted session runs in both protocol generations (ZIM searches, Gopher fetches answered from
 * the cache, a tool error, a protocol error); its HTTP query API then returns the duration histogram by tool, the
 * error count by {@code error.type} and the cache meters. Every query of the committed Grafana dashboard
 * (docs/grafana/burrow.json) and every alerting rule (docs/prometheus/burrow-rules.yml) is evaluated by that
 * Prometheus too ({@code -Pinterop}; fails when {@code prometheus} is missing:
 * {@code bash scripts/ci/install-prometheus.sh}).
 */
final class PrometheusScrapeIT {

    private static final Path ROOT = Path.of(System.getProperty("burrow.repoRoot", "..")).toAbsolutePath().normalize();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/mcp)");
    private static final String TOKEN = "prometheus-scrape-token-0123456789";
    private static final String ARCHIVE = "peer-test-small.zim";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeGopherServer gopher;
    private static Process burrow;
    private static Process prometheus;
    private static URI mcp;
    private static int metricsPort;
    private static URI prometheusApi;
    private static final StringBuilder prometheusLog = new StringBuilder();

    @BeforeAll
    static void start() throws Exception {
        String binary = findPrometheus();
        gopher = new FakeGopherServer().start();
        gopher.dispatcher(request -> GopherResponse.text("Hello from the gopherhole at " + request.selector() + "\n"));
        metricsPort = freePort();
        startBurrow();
        int apiPort = freePort();
        Path dir = Files.createDirectories(Path.of("target", "prometheus-it").toAbsolutePath());
        Path data = dir.resolve("data-" + System.nanoTime());
        Path config = Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  scrape_timeout: 1s",
                "  evaluation_interval: 1s",
                "rule_files:",
                "  - " + ROOT.resolve("docs/prometheus/burrow-rules.yml"),
                "scrape_configs:",
                "  - job_name: burrow",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + metricsPort + "']",
                ""));
        prometheus = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + apiPort, "--log.level=warn").redirectErrorStream(true).start();
        drain(prometheus, prometheusLog);
        prometheusApi = URI.create("http://127.0.0.1:" + apiPort);
        await("Prometheus ready", () -> get(prometheusApi.resolve("/-/ready")).statusCode() == 200);
        await("Prometheus scraping Burrow", () -> query("up{job=\"burrow\"}").stream()
                .anyMatch(s -> s.path("value").get(1).asText().equals("1")));
    }

    private static String findPrometheus() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return fail("prometheus is not installed: run 'bash scripts/ci/install-prometheus.sh' (Debian package prometheus)");
    }

    private static void startBurrow() throws Exception {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-http.jar"));
        assertThat(jar).as("the shaded HTTP jar (built by mvn package)").exists();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "http", "--port", "0", "--auth-token", TOKEN,
                "--metrics-port", String.valueOf(metricsPort)).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("BURROW_") || k.startsWith("ZIM_") || k.startsWith("GOPHER_")
                || k.startsWith("OTEL_"));
        pb.environment().put("ZIM_DIRECTORIES", ROOT.resolve("fixtures/zim").toString());
        pb.environment().put("GOPHER_ALLOW_LOCAL_HOSTS", "true");
        burrow = pb.start();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(burrow.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
            endpoint.completeExceptionally(new IllegalStateException("the server exited:\n" + log));
        }, "burrow-it-output");
        reader.setDaemon(true);
        reader.start();
        mcp = URI.create(endpoint.get(60, TimeUnit.SECONDS));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {prometheus, burrow}) {
            if (p != null) {
                p.toHandle().destroy();
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.toHandle().destroyForcibly();
                }
            }
        }
        if (gopher != null) {
            gopher.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void drain(Process p, StringBuilder into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (into) {
                        into.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "prometheus-output");
        t.setDaemon(true);
        t.start();
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < until) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException | RuntimeException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        synchronized (prometheusLog) {
            fail(what + " did not happen within 60 s" + (last == null ? "" : " (" + last + ")") + "; Prometheus said:\n"
                    + prometheusLog);
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The result vector of an instant query through Prometheus' HTTP API. */
    private static List<JsonNode> query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> r = get(prometheusApi.resolve("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).as("query %s: %s", promql, r.body()).isEqualTo("success");
        List<JsonNode> out = new ArrayList<>();
        body.path("data").path("result").forEach(out::add);
        return out;
    }

    /** Waits until the query's result satisfies {@code ok} (the next scrape), and returns it. */
    private static List<JsonNode> queryUntil(String promql, Predicate<List<JsonNode>> ok) throws Exception {
        List<List<JsonNode>> last = new ArrayList<>(List.of(List.of()));
        await("query " + promql + " (last result " + last + ")", () -> {
            last.set(0, query(promql));
            return ok.test(last.get(0));
        });
        return last.get(0);
    }

    private static double value(List<JsonNode> result, String label, String labelValue) {
        return result.stream().filter(s -> s.path("metric").path(label).asText().equals(labelValue))
                .mapToDouble(s -> Double.parseDouble(s.path("value").get(1).asText())).findFirst().orElse(Double.NaN);
    }

    private static JsonNode post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        String text = r.body();
        if (text.startsWith("event:") || text.startsWith(":") || text.startsWith("data:")) {
            text = text.lines().filter(l -> l.startsWith("data:")).reduce((a, c) -> c).orElse("{}").substring(5);
        }
        JsonNode node = JSON.readTree(text);
        return node;
    }

    /** The scripted session: a 2025-11-25 session, then 2026-07-28 requests. */
    private static void session() throws Exception {
        JsonNode init = null;
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(mcp).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                                + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Map<String, String> session = new HashMap<>();
        session.put("Mcp-Session-Id", r.headers().firstValue("Mcp-Session-Id").orElseThrow());
        session.put("MCP-Protocol-Version", "2025-11-25");
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session);
        String fetch = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"gopher_fetch\","
                + "\"arguments\":{\"url\":\"" + gopher.url('0', "/hello.txt") + "\"}}}";
        for (int id = 2; id <= 4; id++) { // the first fetches, the others come from the cache
            assertThat(post(String.format(fetch, id), session).at("/result/isError").asBoolean()).isFalse();
        }
        String search = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"zim_search\","
                + "\"arguments\":{\"query\":\"%s\",\"zim_file_path\":\"" + ARCHIVE + "\"}}}";
        assertThat(post(String.format(search, 5, "xylophone"), session).at("/result/structuredContent/total").asInt())
                .isEqualTo(2);
        assertThat(post(String.format(search, 6, "zyzzyva"), session).at("/result/isError").asBoolean()).isFalse();
        JsonNode error = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"zim_get\","
                + "\"arguments\":{\"zim_file_path\":\"no-such-archive.zim\",\"entry_path\":\"x\"}}}", session);
        assertThat(error.at("/result/isError").asBoolean()).as(error.toString()).isTrue();
        JsonNode unknown = post("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":\"nope\"}}",
                session);
        assertThat(unknown.at("/error/code").asInt()).isEqualTo(-32602);

        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
        Map<String, String> modern = Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call",
                "Mcp-Name", "zim_search");
        JsonNode m = post("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"zim_search\","
                + "\"arguments\":{\"query\":\"xylophone\",\"zim_file_path\":\"" + ARCHIVE + "\"}," + meta + "}}", modern);
        assertThat(m.at("/result/isError").asBoolean()).as(m.toString()).isFalse();
    }

    @Test
    void prometheusScrapesTheSession_andAnswersByToolErrorTypeAndCache() throws Exception {
        session();

        List<JsonNode> byTool = queryUntil(
                "sum by (gen_ai_tool_name) (mcp_server_operation_duration_seconds_count{mcp_method_name=\"tools/call\"})",
                r -> value(r, "gen_ai_tool_name", "zim_search") == 3);
        assertThat(value(byTool, "gen_ai_tool_name", "gopher_fetch")).isEqualTo(3);
        assertThat(value(byTool, "gen_ai_tool_name", "zim_get")).isEqualTo(1);
        assertThat(value(byTool, "gen_ai_tool_name", "_OTHER")).isEqualTo(1);

        List<JsonNode> buckets = query("sum by (gen_ai_tool_name, le) "
                + "(mcp_server_operation_duration_seconds_bucket{gen_ai_tool_name=\"zim_search\"})");
        assertThat(buckets.stream().map(s -> s.path("metric").path("le").asText()))
                .contains("0.01", "0.1", "1.0", "300.0", "+Inf");
        List<JsonNode> p95 = query("histogram_quantile(0.95, sum by (le, gen_ai_tool_name) "
                + "(mcp_server_operation_duration_seconds_bucket{mcp_method_name=\"tools/call\"}))");
        assertThat(value(p95, "gen_ai_tool_name", "gopher_fetch")).isBetween(0.0, 300.0);
        assertThat(value(p95, "gen_ai_tool_name", "zim_search")).isBetween(0.0, 300.0);

        List<JsonNode> byError = query("sum by (error_type) (mcp_server_operation_duration_seconds_count{error_type!=\"\"})");
        assertThat(value(byError, "error_type", "tool_error")).isEqualTo(1);
        assertThat(value(byError, "error_type", "-32602")).isEqualTo(1);
        assertThat(query("sum by (error_code) (burrow_request_errors_total)")).isNotEmpty();

        List<JsonNode> gets = query("sum by (cache, result) (cache_gets_total{cache=\"gopher.responses\"})");
        assertThat(gets.stream().filter(s -> s.path("metric").path("result").asText().equals("hit"))
                .mapToDouble(s -> Double.parseDouble(s.path("value").get(1).asText())).sum()).isGreaterThanOrEqualTo(2);
        assertThat(query("cache_size{cache=\"gopher.responses\"}")).isNotEmpty();
        assertThat(query("burrow_cache_weight{cache=\"zim.articles\"}")).isNotEmpty();
        assertThat(query("jetty_threads_busy")).isNotEmpty();
        assertThat(query("jvm_memory_used_bytes")).isNotEmpty();
        // the backends' own meters: upstream fetches, breakers and bulkheads, ZIM search, render and archives
        List<JsonNode> fetches = query("sum by (outcome) (burrow_upstream_fetch_duration_seconds_count{protocol=\"gopher\"})");
        assertThat(value(fetches, "outcome", "completed")).isGreaterThanOrEqualTo(1);
        assertThat(query("burrow_upstream_bytes_total{protocol=\"gopher\",direction=\"received\"} > 0")).isNotEmpty();
        assertThat(query("burrow_upstream_breakers{protocol=\"gopher\",state=\"open\"}")).isNotEmpty();
        assertThat(query("burrow_upstream_requests_active{protocol=\"gemini\"}")).isNotEmpty();
        // a scrape is not atomic: it may have read this timer before the last search and the MCP one after it;
        // the third zim_search repeats the first, answered from the result cache: two searches run
        queryUntil("burrow_zim_search_duration_seconds_count == 2", r -> !r.isEmpty());
        assertThat(query("burrow_zim_render_duration_seconds_count")).isNotEmpty();
        assertThat(query("burrow_zim_archives{state=\"served\"} > 0")).isNotEmpty();
        assertThat(query("burrow_zim_cluster_cache_requests_total")).isNotEmpty();
        List<String> names = query("count by (__name__) ({job=\"burrow\",__name__=~\"mcp_.*|burrow_.*|cache_.*\"})")
                .stream().map(n -> n.path("metric").path("__name__").asText()).sorted().toList();
        System.out.println("PrometheusScrapeIT: MCP, Burrow and cache metric names scraped (" + names.size() + "): "
                + names);

        dashboardQueries_evaluate();
        alertingRules_evaluate();
    }

    /** Every query of the Grafana dashboard is valid PromQL over Burrow's metrics; the main panels have data. */
    private static void dashboardQueries_evaluate() throws Exception {
        JsonNode dashboard = JSON.readTree(ROOT.resolve("docs/grafana/burrow.json").toFile());
        Map<String, String> queries = new HashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText().replace("$__rate_interval", "1m").replace("$instance", ".*");
                queries.put(panel.path("title").asText() + " / " + target.path("legendFormat").asText(), expr);
                query(expr); // valid PromQL
            }
        }
        assertThat(queries).hasSizeGreaterThan(20);
        // rates need two scrapes of a series: wait for them
        for (String panel : List.of("Tool calls per second by tool / {{gen_ai_tool_name}}",
                "Tool call latency p95 by tool / {{gen_ai_tool_name}}", "Errors per second by error.type / {{error_type}}",
                "Cache hit ratio / {{cache}}", "Jetty thread pool (HTTP) / busy", "Heap used / {{instance}} used")) {
            assertThat(queries).containsKey(panel);
            queryUntil(queries.get(panel), r -> !r.isEmpty());
        }
    }

    /** The alerting rules load into Prometheus and evaluate without errors. */
    private static void alertingRules_evaluate() throws Exception {
        List<JsonNode> rules = new ArrayList<>();
        await("every alerting rule evaluated", () -> {
            rules.clear();
            JSON.readTree(get(prometheusApi.resolve("/api/v1/rules")).body()).path("data").path("groups")
                    .forEach(g -> g.path("rules").forEach(rules::add));
            return !rules.isEmpty() && rules.stream().allMatch(r -> !r.path("lastEvaluation").asText()
                    .startsWith("0001"));
        });
        assertThat(rules).hasSizeGreaterThanOrEqualTo(8);
        assertThat(rules).allSatisfy(r -> assertThat(r.path("health").asText()).as(r.toString()).isEqualTo("ok"));
        assertThat(rules.stream().filter(r -> r.path("name").asText().equals("BurrowDown")).findFirst().orElseThrow()
                .path("state").asText()).isEqualTo("inactive");
    }
}
