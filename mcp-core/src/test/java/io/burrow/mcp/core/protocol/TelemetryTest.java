package io.burrow.mcp.core.protocol;

import static io.burrow.mcp.core.protocol.Wiretap.json;
import static io.burrow.mcp.core.protocol.Wiretap.modern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.RateLimitedException;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The engine's spans and metrics after the MCP semantic conventions, in both protocol generations: names,
 * kinds, attributes, parents taken from {@code params._meta}, error types, the duration and session
 * histograms, the error and rejection counters, and the request's identity in the MDC.
 */
final class TelemetryTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01";
    private static final String NO_ARGS = "{\"type\":\"object\",\"properties\":{}}";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<io.opentelemetry.api.trace.SpanContext> currentSeen = new CopyOnWriteArrayList<>();
    private final BurrowServer server = BurrowServer.builder().module(new Probe())
            .telemetry(Telemetry.builder().meterRegistry(meters).openTelemetry(otel).logContext(true).build())
            .build();
    private final Wiretap wire = new Wiretap(server);

    @AfterEach
    void close() {
        wire.close();
        server.close();
        otel.close();
    }

    private final class Probe implements BurrowModule {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("echo").description("Answers, noting the current span.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        currentSeen.add(Span.current().getSpanContext());
                        return ToolResult.of(Map.of("ok", true));
                    }).build());
            out.tool(ToolDefinition.builder("missing").description("Fails.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        throw new NotFoundException("Nothing here");
                    }).build());
            out.tool(ToolDefinition.builder("limited").description("Rate limited.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        throw new RateLimitedException("Slow down");
                    }).build());
            out.resources(new ResourceProvider() {
                @Override
                public Set<String> schemes() {
                    return Set.of("t");
                }

                @Override
                public List<ResourceInfo> resources() {
                    return List.of();
                }

                @Override
                public ResourceData read(String uri, ReadLimits limits) {
                    throw new NotFoundException("No resource " + uri);
                }
            });
        }
    }

    private void initialize() throws InterruptedException {
        call("initialize", json("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}}"));
        wire.notify("notifications/initialized", null);
    }

    /**
     * Calls and waits until the request's span has ended: a request's telemetry is recorded after its answer was
     * sent (the metrics before the span ends), so the answer alone does not say it is there yet.
     */
    private JsonNode call(String method, ObjectNode params) throws InterruptedException {
        int before = spans.getFinishedSpanItems().size();
        JsonNode r = wire.call(method, params);
        awaitSpans(before + 1);
        return r;
    }

    private void awaitSpans(int count) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (spans.getFinishedSpanItems().size() < count) {
            if (System.nanoTime() > until) {
                throw new AssertionError("fewer than " + count + " spans ended: " + spans.getFinishedSpanItems());
            }
            Thread.sleep(1);
        }
    }

    private static ObjectNode withTraceparent(ObjectNode params) {
        ObjectNode meta = params.has("_meta") ? (ObjectNode) params.get("_meta") : params.putObject("_meta");
        meta.put("traceparent", TRACEPARENT).put("tracestate", "rojo=00f067aa0ba902b7");
        return params;
    }

    private SpanData span(String name) {
        List<SpanData> found = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(found).as("spans named '%s' among %s", name, spans.getFinishedSpanItems()).hasSize(1);
        return found.get(0);
    }

    private static String attr(SpanData s, String key) {
        return s.getAttributes().get(AttributeKey.stringKey(key));
    }

    private Timer duration(String method, String tool, String errorType, String version) {
        return meters.find("mcp.server.operation.duration").tags("mcp.method.name", method, "gen_ai.tool.name", tool,
                "error.type", errorType, "mcp.protocol.version", version, "network.transport", "pipe").timer();
    }

    @Test
    void legacy_toolCall_isAServerSpan_childOfTheMetaTraceparent() throws Exception {
        initialize();
        JsonNode r = call("tools/call", withTraceparent(json("{\"name\":\"echo\"}")));
        assertThat(r.at("/result/isError").asBoolean()).isFalse();

        SpanData s = span("tools/call echo");
        assertThat(s.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(s.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(s.getParentSpanId()).isEqualTo(PARENT_SPAN);
        assertThat(s.getParentSpanContext().isRemote()).isTrue();
        assertThat(s.getParentSpanContext().getTraceState().get("rojo")).isEqualTo("00f067aa0ba902b7");
        assertThat(attr(s, "mcp.method.name")).isEqualTo("tools/call");
        assertThat(attr(s, "gen_ai.tool.name")).isEqualTo("echo");
        assertThat(attr(s, "gen_ai.operation.name")).isEqualTo("execute_tool");
        assertThat(attr(s, "jsonrpc.request.id")).isEqualTo(r.path("id").asText());
        assertThat(attr(s, "mcp.protocol.version")).isEqualTo("2025-11-25");
        assertThat(attr(s, "network.transport")).isEqualTo("pipe");
        assertThat(attr(s, "error.type")).isNull();
        assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        SpanData init = span("initialize");
        assertThat(init.getParentSpanContext().isValid()).as("no traceparent: a root span").isFalse();
        assertThat(attr(init, "mcp.protocol.version")).isEqualTo("2025-11-25");
    }

    @Test
    void modern_toolCall_isAServerSpan_childOfTheMetaTraceparent() throws Exception {
        JsonNode r = call("tools/call", withTraceparent(modern(json("{\"name\":\"echo\"}"), "{}")));
        assertThat(r.at("/result/isError").asBoolean()).isFalse();

        SpanData s = span("tools/call echo");
        assertThat(s.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(s.getParentSpanId()).isEqualTo(PARENT_SPAN);
        assertThat(attr(s, "mcp.protocol.version")).isEqualTo("2026-07-28");
        assertThat(attr(s, "gen_ai.tool.name")).isEqualTo("echo");
        assertThat(duration("tools/call", "echo", "", "2026-07-28").count()).isEqualTo(1);
    }

    @Test
    void modern_overHttp_theTransportTraceparentIsALink_notTheParent() throws Exception {
        String transportTrace = "0af7651916cd43dd8448eb211c80319c";
        String transportParent = "00-" + transportTrace + "-b7ad6b7169203331-01";
        ObjectNode message = json("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\"}");
        message.set("params", withTraceparent(modern(json("{\"name\":\"echo\"}"), "{}")));
        Map<String, String> headers = Map.of("mcp-protocol-version", "2026-07-28", "mcp-method", "tools/call",
                "mcp-name", "echo", "traceparent", transportParent);
        ConcurrentHashMap<String, JsonNode> replies = new ConcurrentHashMap<>();
        int spansBefore = spans.getFinishedSpanItems().size();
        try (HttpEndpoint http = server.endpoint().http(false, 10, Duration.ofMinutes(1))) {
            http.handle(message, new Exchange() {
                @Override
                public Transport transport() {
                    return Transport.HTTP;
                }

                @Override
                public Client client() {
                    return new Client("token:abc", true);
                }

                @Override
                public String header(String name) {
                    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
                }

                @Override
                public void send(JsonNode m) {
                }

                @Override
                public void reply(JsonNode m, Reply reply) {
                    replies.put("reply", m);
                }

                @Override
                public void accepted() {
                }

                @Override
                public void abandon() {
                }
            });
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!replies.containsKey("reply") && System.nanoTime() < until) {
                Thread.sleep(10);
            }
        }
        assertThat(replies.get("reply").at("/result/isError").asBoolean()).isFalse();
        awaitSpans(spansBefore + 1);
        SpanData s = span("tools/call echo");
        assertThat(s.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(s.getLinks()).hasSize(1);
        assertThat(s.getLinks().get(0).getSpanContext().getTraceId()).isEqualTo(transportTrace);
        assertThat(attr(s, "network.transport")).isEqualTo("tcp");
        assertThat(attr(s, "network.protocol.name")).isEqualTo("http");
    }

    @Test
    void toolErrorResult_isErrorTypeToolError_andCountedByCode() throws Exception {
        initialize();
        JsonNode r = call("tools/call", json("{\"name\":\"missing\"}"));
        assertThat(r.at("/result/isError").asBoolean()).isTrue();

        SpanData s = span("tools/call missing");
        assertThat(attr(s, "error.type")).isEqualTo("tool_error");
        assertThat(attr(s, "burrow.error.code")).isEqualTo("NOT_FOUND");
        assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(duration("tools/call", "missing", "tool_error", "2025-11-25").count()).isEqualTo(1);
        assertThat(meters.get("burrow.request.errors").tags("gen_ai.tool.name", "missing", "error.code", "NOT_FOUND")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void jsonRpcError_isErrorTypeItsCode_andTheUriStaysOutOfTheSpanName() throws Exception {
        initialize();
        JsonNode r = call("resources/read", json("{\"uri\":\"t://nope\"}"));
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32002);

        SpanData s = span("resources/read");
        assertThat(attr(s, "mcp.resource.uri")).isEqualTo("t://nope");
        assertThat(attr(s, "error.type")).isEqualTo("-32002");
        assertThat(attr(s, "rpc.response.status_code")).isEqualTo("-32002");
        assertThat(s.getStatus().getDescription()).isEqualTo(r.at("/error/message").asText());
        Timer t = meters.find("mcp.server.operation.duration").tags("mcp.method.name", "resources/read",
                "error.type", "-32002", "rpc.response.status_code", "-32002").timer();
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.getId().getTag("mcp.resource.uri")).as("opt-in only").isNull();
    }

    @Test
    void unknownToolsMethodsAndVersions_areRecordedAsOther() throws Exception {
        initialize();
        call("tools/call", json("{\"name\":\"no-such-tool-" + System.nanoTime() + "\"}"));
        call("no/such/method", null);
        ObjectNode odd = modern(null, "{}");
        ((ObjectNode) odd.get("_meta")).put("io.modelcontextprotocol/protocolVersion", "2099-01-01");
        call("tools/list", odd);

        assertThat(meters.find("mcp.server.operation.duration").tags("mcp.method.name", "tools/call",
                "gen_ai.tool.name", "_OTHER", "error.type", "-32602").timer().count()).isEqualTo(1);
        assertThat(meters.find("mcp.server.operation.duration").tags("mcp.method.name", "_OTHER",
                "error.type", "-32601").timer().count()).isEqualTo(1);
        assertThat(meters.find("mcp.server.operation.duration").tags("mcp.method.name", "tools/list",
                "mcp.protocol.version", "_OTHER", "error.type", "-32022").timer().count()).isEqualTo(1);
        assertThat(span("tools/call").getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                .as("the span keeps the name asked for").startsWith("no-such-tool-");
    }

    @Test
    void rateLimitedResults_areCountedAsRejections() throws Exception {
        initialize();
        call("tools/call", json("{\"name\":\"limited\"}"));
        assertThat(meters.get("burrow.request.rejections").tag("reason", "rate_limited").counter().count()).isEqualTo(1);
        assertThat(meters.get("burrow.request.errors").tag("error.code", "RATE_LIMITED").counter().count()).isEqualTo(1);
    }

    @Test
    void theHandlerRunsInTheSpan() throws Exception {
        initialize();
        call("tools/call", withTraceparent(json("{\"name\":\"echo\"}")));
        SpanData s = span("tools/call echo");
        assertThat(currentSeen).hasSize(1);
        assertThat(currentSeen.get(0).getTraceId()).isEqualTo(s.getTraceId());
        assertThat(currentSeen.get(0).getSpanId()).isEqualTo(s.getSpanId());
    }

    @Test
    void theAnswerDoesNotWaitForTheTelemetry() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        SpanProcessor slowExport = new SpanProcessor() {
            @Override
            public void onStart(Context parent, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                try {
                    released.await(30, TimeUnit.SECONDS); // longer than the wiretap waits for an answer
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        };
        SimpleMeterRegistry slowMeters = new SimpleMeterRegistry();
        try (OpenTelemetrySdk slow = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(slowExport).addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .build();
                BurrowServer s = BurrowServer.builder().module(new Probe())
                        .telemetry(Telemetry.builder().meterRegistry(slowMeters).openTelemetry(slow).build()).build();
                Wiretap w = new Wiretap(s)) {
            JsonNode r = w.call("tools/call", modern(json("{\"name\":\"echo\"}"), "{}"));
            assertThat(r.at("/result/isError").asBoolean()).as("answered while the span's export is stuck").isFalse();
            assertThat(spans.getFinishedSpanItems()).isEmpty();
            released.countDown();
            awaitSpans(1);
            assertThat(span("tools/call echo").getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                    .isEqualTo("echo");
            assertThat(slowMeters.get("mcp.server.operation.duration").tag("gen_ai.tool.name", "echo").timer().count())
                    .isEqualTo(1);
        } finally {
            released.countDown();
        }
    }

    @Test
    void theRequestsIdentityIsInTheMdcWhileEntered_andTheThreadsOwnMdcIsBackAfterwards() throws Exception {
        java.lang.reflect.Field f = McpEndpoint.class.getDeclaredField("dispatcher");
        f.setAccessible(true);
        RequestObserver observer = Instrumentation.of(Telemetry.builder().openTelemetry(otel).logContext(true).build(),
                (Dispatcher) f.get(server.endpoint()));
        Exchange exchange = new Exchange() {
            @Override
            public Transport transport() {
                return Transport.STDIO;
            }

            @Override
            public Client client() {
                return Client.STDIO;
            }

            @Override
            public void send(JsonNode m) {
            }

            @Override
            public void reply(JsonNode m, Reply reply) {
            }

            @Override
            public void accepted() {
            }

            @Override
            public void abandon() {
            }
        };
        // slf4j-simple keeps no MDC: a real one for this test
        java.lang.reflect.Field adapter = MDC.class.getDeclaredField("MDC_ADAPTER");
        adapter.setAccessible(true);
        Object simple = adapter.get(null);
        adapter.set(null, new org.slf4j.helpers.BasicMDCAdapter());
        try {
            checkMdc(observer, exchange);
        } finally {
            adapter.set(null, simple);
        }
    }

    private static void checkMdc(RequestObserver observer, Exchange exchange) {
        for (Map<String, String> before : List.of(Map.<String, String>of(), Map.of("job", "nightly", "tool", "mine"))) {
            MDC.setContextMap(before);
            Observation o = observer.start(json("{\"id\":42}").get("id"), "tools/call", json("{\"name\":\"echo\"}"),
                    exchange);
            Map<String, String> during;
            try (Observation.Entered entered = o.enter()) {
                during = MDC.getCopyOfContextMap();
            }
            Map<String, String> after = MDC.getCopyOfContextMap();
            o.result(json("{}"));
            assertThat(during).containsEntry("request_id", "42").containsEntry("mcp_method", "tools/call")
                    .containsEntry("tool", "echo").containsEntry("client_hash", Client.STDIO.hash())
                    .containsKeys("trace_id", "span_id");
            if (!before.isEmpty()) {
                assertThat(during).as("the thread's own fields stay").containsEntry("job", "nightly");
            }
            assertThat(after == null ? Map.of() : after).as("the thread's MDC as it was").isEqualTo(before);
            MDC.clear();
        }
    }

    @Test
    void aLegacySession_isMeasuredWhenItEnds() throws Exception {
        initialize();
        assertThat(meters.find("mcp.server.session.duration").timer()).isNull();
        wire.close();
        Timer t = meters.get("mcp.server.session.duration").tags("mcp.protocol.version", "2025-11-25",
                "network.transport", "pipe").timer();
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void cachesAndPools_arePublished() {
        assertThat(meters.find("executor.active").tag("name", "burrow.requests").gauge()).isNotNull();
        assertThat(meters.find("executor.queued").tag("name", "burrow.tools").gauge()).isNotNull();
    }

    @Test
    void noTelemetry_observesNothing() {
        assertThat(Instrumentation.of(Telemetry.NONE, null)).isSameAs(RequestObserver.NONE);
        assertThat(Telemetry.builder().openTelemetry(io.opentelemetry.api.OpenTelemetry.noop()).build().enabled())
                .isFalse();
    }
}
