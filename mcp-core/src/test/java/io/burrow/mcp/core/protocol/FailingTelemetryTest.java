package io.burrow.mcp.core.protocol;

import static io.burrow.mcp.core.protocol.Wiretap.json;
import static io.burrow.mcp.core.protocol.Wiretap.modern;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Telemetry that throws at every step (the span builder, every span method, the propagator, every timer and
 * counter) never keeps a request from being answered, in either protocol generation, for results, tool errors
 * and JSON-RPC errors alike.
 */
final class FailingTelemetryTest {

    private static final String NO_ARGS = "{\"type\":\"object\",\"properties\":{}}";

    /** Where the telemetry fails. */
    enum Failure {
        /** Starting the span throws: the request has no observation at all. */
        AT_START,
        /** The span starts, then every call on it, the propagator and every meter throw. */
        AT_EVERY_STEP
    }

    private final AtomicInteger thrown = new AtomicInteger();
    private BurrowServer server;
    private Wiretap wire;

    @AfterEach
    void close() {
        wire.close();
        server.close();
    }

    private void start(Failure failure) {
        RuntimeException boom = new IllegalStateException("telemetry is broken");
        Span brokenSpan = proxy(Span.class, (p, m, a) -> {
            thrown.incrementAndGet();
            throw boom;
        });
        SpanBuilder builder = proxy(SpanBuilder.class, (p, m, a) -> {
            if (m.getName().equals("startSpan")) {
                if (failure == Failure.AT_START) {
                    thrown.incrementAndGet();
                    throw boom;
                }
                return brokenSpan;
            }
            return p;
        });
        Tracer tracer = name -> builder;
        TracerProvider provider = new TracerProvider() {
            @Override
            public Tracer get(String name) {
                return tracer;
            }

            @Override
            public Tracer get(String name, String version) {
                return tracer;
            }
        };
        TextMapPropagator propagator = proxy(TextMapPropagator.class, (p, m, a) -> {
            thrown.incrementAndGet();
            throw boom;
        });
        OpenTelemetry otel = new OpenTelemetry() {
            @Override
            public TracerProvider getTracerProvider() {
                return provider;
            }

            @Override
            public ContextPropagators getPropagators() {
                return () -> propagator;
            }
        };
        BrokenMeters meters = new BrokenMeters();
        server = BurrowServer.builder().module(new Probe())
                .telemetry(Telemetry.builder().meterRegistry(meters).openTelemetry(otel).logContext(true).build())
                .build();
        meters.broken = failure == Failure.AT_EVERY_STEP; // the server's own start-up publishes meters
        wire = new Wiretap(server);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FailingTelemetryTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> m.getDeclaringClass() == Object.class ? m.invoke(handler, a) : handler.invoke(p, m, a));
    }

    /** A registry whose timers and counters cannot be created once it is broken. */
    private final class BrokenMeters extends SimpleMeterRegistry {
        volatile boolean broken;

        @Override
        protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
            if (broken) {
                thrown.incrementAndGet();
                throw new IllegalStateException("no timers");
            }
            return super.newTimer(id, config, pauseDetector);
        }

        @Override
        protected Counter newCounter(Meter.Id id) {
            if (broken) {
                thrown.incrementAndGet();
                throw new IllegalStateException("no counters");
            }
            return super.newCounter(id);
        }
    }

    private static final class Probe implements BurrowModule {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("echo").description("Answers.").inputSchema(NO_ARGS)
                    .handler(call -> ToolResult.of(Map.of("ok", true))).build());
            out.tool(ToolDefinition.builder("missing").description("Fails.").inputSchema(NO_ARGS)
                    .handler(call -> {
                        throw new NotFoundException("Nothing here");
                    }).build());
        }
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void legacy_everyRequestIsAnswered(Failure failure) throws Exception {
        start(failure);
        JsonNode init = wire.call("initialize", json("{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{}}"));
        assertThat(init.at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
        wire.notify("notifications/initialized", null);

        assertThat(wire.call("tools/call", withTraceparent("{\"name\":\"echo\"}")).at("/result/content/0/text")
                .asText()).contains("ok");
        assertThat(wire.call("tools/call", json("{\"name\":\"missing\"}")).at("/result/isError").asBoolean()).isTrue();
        assertThat(wire.call("tools/call", json("{\"name\":\"nope\"}")).at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(wire.call("ping", null).has("result")).isTrue();
        assertThat(thrown.get()).as("the telemetry did fail").isGreaterThan(4);
    }

    @ParameterizedTest
    @EnumSource(Failure.class)
    void modern_everyRequestIsAnswered(Failure failure) throws Exception {
        start(failure);
        assertThat(wire.call("tools/call", modern(withTraceparent("{\"name\":\"echo\"}"), "{}"))
                .at("/result/content/0/text").asText()).contains("ok");
        assertThat(wire.call("tools/call", modern(json("{\"name\":\"missing\"}"), "{}")).at("/result/isError")
                .asBoolean()).isTrue();
        assertThat(wire.call("tools/list", modern(null, "{}")).at("/result/tools").size()).isGreaterThan(1);
        assertThat(wire.call("no/such/method", modern(null, "{}")).at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(thrown.get()).as("the telemetry did fail").isGreaterThan(3);
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode withTraceparent(String params) {
        com.fasterxml.jackson.databind.node.ObjectNode p = json(params);
        p.putObject("_meta").put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        return p;
    }
}
