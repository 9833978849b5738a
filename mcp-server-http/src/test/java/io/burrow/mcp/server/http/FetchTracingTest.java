package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The spans of a whole server with every backend, seen through the OpenTelemetry SDK's in-memory exporter:
 * the request's SERVER span takes its parent from {@code _meta.traceparent}, and a Gopher fetch has the child
 * spans {@code gopher resolve}, {@code gopher connect} and {@code gopher read}, a ZIM search {@code zim search}
 * and a ZIM read {@code zim render}, with their attributes (batch fetches too: the request context goes with their
 * work); the upstream and ZIM meters are recorded.
 */
final class FetchTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final BurrowServer server;
    private final McpTestClient client;

    FetchTracingTest() {
        server = BurrowServer.builder().discoverModules()
                .configSources(ConfigSources.empty().withEnv(Map.of("GOPHER_ALLOW_LOCAL_HOSTS", "true",
                        // robots.txt would be a fetch of its own, with spans of its own, before each counted one
                        "GOPHER_RESPECT_ROBOTS_TXT", "false", "GOPHER_CACHE_ENABLED", "false", "ZIM_DIRECTORIES", zimFixtures().toString())))
                .telemetry(Telemetry.builder().meterRegistry(meters).openTelemetry(otel).build()).build();
        client = McpTestClient.stdio(server);
        client.initialize();
    }

    private static Path zimFixtures() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("fixtures/zim/peer-test-small.zim"))) {
                return p.resolve("fixtures/zim");
            }
        }
        throw new AssertionError("fixtures/zim not found");
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
        gopher.close();
        otel.close();
    }

    private JsonNode call(String tool, Map<String, Object> arguments) throws Exception {
        Map<String, Object> params = Map.of("name", tool, "arguments", arguments,
                "_meta", Map.of("traceparent", "00-" + TRACE_ID + "-" + PARENT + "-01"));
        String name = "tools/call " + tool;
        long before = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).count();
        JsonNode r = Json.parse(client.requestLine("tools/call", params));
        // the request's span ends just after its answer left
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).count() == before
                && System.nanoTime() < until) {
            Thread.sleep(1);
        }
        return r;
    }

    private SpanData only(String name) {
        List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).as("spans named %s among %s", name, spans.getFinishedSpanItems()).hasSize(1);
        return found.get(0);
    }

    @Test
    void aGopherFetch_hasResolveConnectAndReadSpans_underTheRequestSpan() throws Exception {
        gopher.dispatcher(request -> GopherResponse.text("hello from the fake server\r\n"));
        JsonNode r = call("gopher_fetch", Map.of("url", gopher.url('0', "/hello")));
        assertThat(r.at("/result/isError").asBoolean()).as(r.toString()).isFalse();

        SpanData request = only("tools/call gopher_fetch");
        assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(request.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(request.getParentSpanId()).isEqualTo(PARENT);
        for (String phase : List.of("resolve", "connect", "read")) {
            SpanData s = only("gopher " + phase);
            assertThat(s.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(s.getParentSpanId()).as(phase).isEqualTo(request.getSpanId());
            assertThat(s.getAttributes().get(AttributeKey.stringKey("network.protocol.name"))).isEqualTo("gopher");
            assertThat(s.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
            assertThat(s.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(gopher.port());
            assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        }
        SpanData connect = only("gopher connect");
        assertThat(connect.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(connect.getAttributes().get(AttributeKey.longKey("burrow.connect.attempts"))).isEqualTo(1);
        assertThat(connect.getAttributes().get(AttributeKey.stringKey("network.peer.address"))).isEqualTo("127.0.0.1");
        SpanData read = only("gopher read");
        assertThat(read.getAttributes().get(AttributeKey.longKey("burrow.bytes.received"))).isGreaterThan(20);
        assertThat(read.getStartEpochNanos()).isGreaterThanOrEqualTo(connect.getEndEpochNanos());
        assertThat(meters.get("burrow.upstream.fetch.duration").tags("protocol", "gopher", "outcome", "completed")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void aBatchFetch_hasItsFetchSpansUnderTheRequestSpan() throws Exception {
        gopher.dispatcher(request -> GopherResponse.text("page " + request.selector() + "\r\n"));
        JsonNode r = call("gopher_batch_fetch", Map.of("urls", List.of(gopher.url('0', "/a"), gopher.url('0', "/b"))));
        assertThat(r.at("/result/isError").asBoolean()).as(r.toString()).isFalse();
        SpanData request = only("tools/call gopher_batch_fetch");
        List<SpanData> reads = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("gopher read"))
                .toList();
        assertThat(reads).hasSize(2).allSatisfy(s -> {
            assertThat(s.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(s.getParentSpanId()).isEqualTo(request.getSpanId());
        });
    }

    @Test
    void aRefusedGopherFetch_hasAFailedConnectSpan() throws Exception {
        JsonNode r = call("gopher_fetch", Map.of("url", "gopher://127.0.0.1:" + FakeGopherServer.closedPort() + "/0/x"));
        assertThat(r.at("/result/isError").asBoolean()).isTrue();
        SpanData connect = only("gopher connect");
        assertThat(connect.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(connect.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("FETCH_ERROR");
        assertThat(connect.getAttributes().get(AttributeKey.longKey("burrow.connect.attempts")))
                .as("the default retries").isEqualTo(3);
        assertThat(only("tools/call gopher_fetch").getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("tool_error");
    }

    @Test
    void aZimSearch_andARead_haveTheirSpans_underTheRequestSpan() throws Exception {
        JsonNode r = call("zim_search", Map.of("query", "xylophone", "zim_file_path", "peer-test-small.zim"));
        assertThat(r.at("/result/isError").asBoolean()).as(r.toString()).isFalse();
        SpanData request = only("tools/call zim_search");
        SpanData search = only("zim search");
        assertThat(search.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(search.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(meters.get("burrow.zim.search.duration").timer().count()).isEqualTo(1);
        // the same search again is answered from the result cache: a request span, no search run
        call("zim_search", Map.of("query", "xylophone", "zim_file_path", "peer-test-small.zim"));
        assertThat(spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("tools/call zim_search")))
                .hasSize(2);
        only("zim search");
        assertThat(meters.get("burrow.zim.search.duration").timer().count()).isEqualTo(1);

        String path = r.at("/result/structuredContent/results/0/path").asText();
        assertThat(path).as(r.toString()).isNotEmpty();
        JsonNode got = call("zim_get", Map.of("entry_path", path, "zim_file_path", "peer-test-small.zim"));
        assertThat(got.at("/result/isError").asBoolean()).as(got.toString()).isFalse();
        SpanData render = only("zim render");
        assertThat(render.getParentSpanId()).isEqualTo(only("tools/call zim_get").getSpanId());
        assertThat(meters.get("burrow.zim.archives").tag("state", "served").gauge().value()).isGreaterThan(0);
        assertThat(meters.get("burrow.zim.cluster_cache.requests").tag("result", "miss").functionCounter().count())
                .isGreaterThan(0);
    }
}
