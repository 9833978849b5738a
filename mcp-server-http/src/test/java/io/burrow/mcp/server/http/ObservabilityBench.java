package io.burrow.mcp.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.SideBySide;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cost of observability (run by {@code scripts/bench-observability.sh}): a cached {@code gopher_fetch} (an
 * in-JVM FakeGopherServer behind it) and a {@code zim_search} of the test archive, each through in-process servers
 * over piped stdio, with metrics and tracing on against off. "On" is everything a production process does:
 * a Prometheus registry scraped every second by a background thread, a span per request exported in batches over
 * OTLP/HTTP to a collector on 127.0.0.1, the request's identity in the logback MDC (JSON logs). A second server
 * with everything off shows the noise floor. With {@code -Dbench.parts=true} further servers have one part each on
 * (for information; every further server in the rotation also adds its own threads to the machine).
 * Every round calls each server once, in an order that rotates from round to round, after a warm-up; the rounds
 * are split into segments ({@code -Dbench.segments}, default 4), each with freshly built servers, and the medians of
 * all calls are compared (goal: on/off ≤ 1.05). Fresh servers per segment because an instance's threads and memory
 * land somewhere on the machine and keep that bias while it lives: two identical "off" servers differed by up to
 * 15 % in one long run.
 */
public final class ObservabilityBench {

    private static final long WARM_UP_NANOS = Long.getLong("bench.warmUpSeconds", 5) * 1_000_000_000L;

    private ObservabilityBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("bench.calls", 20000);
        Path root = Path.of(System.getProperty("bench.repoRoot", ".")).toAbsolutePath().normalize();
        AtomicLong exported = new AtomicLong();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            exported.addAndGet(exchange.getRequestBody().readAllBytes().length);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-scraper");
            t.setDaemon(true);
            return t;
        });
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        scraper.scheduleAtFixedRate(() -> {
            try {
                registry.scrape(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(
                        OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:" + collector.getAddress().getPort()
                                + "/v1/traces").build()).build()).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        List<OpenTelemetrySdk> toClose = new ArrayList<>();
        Map<String, Telemetry> configurations = new LinkedHashMap<>();
        configurations.put("off", Telemetry.NONE);
        configurations.put("on", Telemetry.builder().meterRegistry(registry).openTelemetry(otel).logContext(true).build());
        if (Boolean.getBoolean("bench.parts")) {
            configurations.put("metrics only", Telemetry.builder().meterRegistry(new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT)).build());
            configurations.put("tracing only", Telemetry.builder().openTelemetry(otel).build());
            // the SDK's spans, recorded but handed to no processor: span creation apart from the export
            OpenTelemetrySdk unexported = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .build()).build();
            toClose.add(unexported);
            configurations.put("tracing, not exported", Telemetry.builder().openTelemetry(unexported).build());
            configurations.put("MDC only", Telemetry.builder().logContext(true).build());
            OpenTelemetrySdk sampled = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.1)))
                    .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(
                            "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces").build()).build())
                    .build()).build();
            toClose.add(sampled);
            configurations.put("on, 10% traced", Telemetry.builder().meterRegistry(new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT)).openTelemetry(sampled).logContext(true).build());
        }
        configurations.put("off again", Telemetry.NONE);

        ConfigSources cfg = ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                "ZIM_DIRECTORIES", root.resolve("fixtures/zim").toString(), "BURROW_LOG_LEVEL", "warn"));
        int segments = Math.max(1, Integer.getInteger("bench.segments", 4));
        int n = configurations.size();
        double[][] fetchTimes = new double[n][0];
        double[][] searchTimes = new double[n][0];
        List<String> segmentRatios = new ArrayList<>();
        try (FakeGopherServer gopher = new FakeGopherServer().start()) {
            FakeGopherServer.MenuBuilder menu = gopher.menu();
            for (int i = 0; i < 32; i++) {
                menu.item(i % 3 == 0 ? '1' : '0', "Item " + i + " of a typical gopher menu", "/dir/item-" + i);
            }
            GopherResponse response = menu.build();
            gopher.dispatcher(r -> response);
            System.out.printf("Observability benchmark: medians of %d rounds in %d segments (each segment with fresh "
                    + "servers; each server called once per round, rotating order), Java %s, %d CPUs; 'on' = Prometheus "
                    + "registry scraped every 1 s + spans batched to OTLP/HTTP on 127.0.0.1 + MDC%n", rounds, segments,
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            Map<String, Object> fetch = Map.of("name", "gopher_fetch", "arguments", Map.of("url", gopher.rootUrl()));
            Map<String, Object> search = Map.of("name", "zim_search", "arguments",
                    Map.of("query", "xylophone", "zim_file_path", "peer-test-small.zim"));
            for (int segment = 0; segment < segments; segment++) {
                // fresh servers (threads, caches, memory) per segment: where one instance happens to land on the
                // machine biases its times for as long as it lives, which a single set of servers cannot average out
                List<BurrowServer> servers = new ArrayList<>();
                List<McpTestClient> clients = new ArrayList<>();
                try {
                    for (Telemetry t : configurations.values()) {
                        BurrowServer s = BurrowServer.builder().discoverModules().configSources(cfg).telemetry(t).build();
                        servers.add(s);
                        McpTestClient c = McpTestClient.stdio(s);
                        clients.add(c);
                        c.initialize();
                    }
                    for (McpTestClient c : clients) {
                        check(c, fetch);
                        check(c, search);
                    }
                    JsonNode cached = Json.parse(clients.get(0).requestLine("tools/call", fetch));
                    if (!cached.at("/result/structuredContent/request_info/cached").asBoolean()) {
                        throw new IllegalStateException("the fetch is not served from the cache: " + cached);
                    }
                    long warmUp = segment == 0 ? WARM_UP_NANOS : WARM_UP_NANOS / 4;
                    double[][] f = compare(clients, fetch, Math.max(1, rounds / segments), warmUp);
                    double[][] z = compare(clients, search, Math.max(1, rounds / 4 / segments), warmUp);
                    segmentRatios.add(String.format("%.3f/%.3f", SideBySide.median(f[1]) / SideBySide.median(f[0]),
                            SideBySide.median(z[1]) / SideBySide.median(z[0])));
                    for (int k = 0; k < n; k++) {
                        fetchTimes[k] = concat(fetchTimes[k], f[k]);
                        searchTimes[k] = concat(searchTimes[k], z[k]);
                    }
                } finally {
                    for (McpTestClient c : clients) {
                        c.close();
                    }
                    for (BurrowServer s : servers) {
                        s.close();
                    }
                }
            }
            report("cached gopher_fetch (32-item menu)", configurations, fetchTimes);
            report("zim_search 'xylophone' (peer-test-small.zim)", configurations, searchTimes);
            System.out.println("on/off by segment (gopher_fetch/zim_search): " + String.join("  ", segmentRatios));
        } finally {
            otel.close(); // flushes the last batch
            toClose.forEach(OpenTelemetrySdk::close);
            scraper.shutdownNow();
            collector.stop(0);
        }
        System.out.printf("spans exported: %,d bytes of OTLP to the collector%n", exported.get());
        // the export's own work runs beside the requests, on the same 2 CPUs: its batch worker and HTTP client
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long exportNanos = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && (t.getThreadName().startsWith("BatchSpanProcessor")
                    || t.getThreadName().startsWith("HttpClient-"))) {
                exportNanos += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        System.out.printf("CPU time of the span export (batch worker and HTTP client threads): %,d ms%n",
                exportNanos / 1_000_000);
    }

    private static void report(String what, Map<String, Telemetry> configurations, double[][] times) {
        double[] medians = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            medians[i] = SideBySide.median(times[i]);
        }
        List<String> names = new ArrayList<>(configurations.keySet());
        System.out.printf("%s: off %.1f µs (median)%n", what, medians[0]);
        for (int i = 1; i < medians.length; i++) {
            double ratio = medians[i] / medians[0];
            String verdict = names.get(i).equals("on")
                    ? String.format("(goal <= 1.05: %s)", ratio <= 1.05 ? "met" : "MISSED") : "(no goal)";
            System.out.printf("  %-14s %8.1f µs   ratio to off %.3f %s%n", names.get(i), medians[i], ratio, verdict);
        }
        // the two off servers together: a reference less at the mercy of where one instance landed
        double bothOff = SideBySide.median(concat(times[0], times[times.length - 1]));
        System.out.printf("  on against both off servers' calls pooled (%.1f µs): %.3f%n", bothOff,
                medians[names.indexOf("on")] / bothOff);
        System.out.flush();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void check(McpTestClient client, Map<String, Object> call) throws IOException {
        JsonNode r = Json.parse(client.requestLine("tools/call", call));
        if (r.at("/result/isError").asBoolean() || r.has("error")) {
            throw new IllegalStateException("call failed: " + r);
        }
    }

    /**
     * Warms every server up for at least {@code warmUpNanos}, then runs {@code rounds} rounds calling each server
     * once, starting each round with the next server (the order rotates: on this machine the place in a round changes
     * a call's time by several per cent); returns every call's duration by server, in µs.
     */
    private static double[][] compare(List<McpTestClient> clients, Map<String, Object> call, int rounds,
            long warmUpNanos) {
        int n = clients.size();
        long warmUntil = System.nanoTime() + warmUpNanos;
        for (int i = 0; i < 500 || System.nanoTime() < warmUntil; i++) {
            clients.forEach(c -> c.requestLine("tools/call", call));
        }
        double[][] times = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int s = (r + k) % n;
                long t0 = System.nanoTime();
                clients.get(s).requestLine("tools/call", call);
                times[s][r] = (System.nanoTime() - t0) / 1000.0;
            }
        }
        return times;
    }
}
