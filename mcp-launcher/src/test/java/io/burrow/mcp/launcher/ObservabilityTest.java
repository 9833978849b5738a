package io.burrow.mcp.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.launcher.internal.Observability;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The launcher's telemetry from settings and {@code OTEL_*}: nothing unless asked; spans exported over
 * OTLP (HTTP, protobuf) to the endpoint the environment names, flushed on close; invalid {@code OTEL_*}
 * settings refused as configuration errors.
 */
final class ObservabilityTest {

    private static final MetricsSettings NO_METRICS = new MetricsSettings(null, "127.0.0.1", false);

    @Test
    void nothingAsked_recordsNothing() {
        try (Observability o = new Observability(NO_METRICS, Map.of(), Map.of(), false)) {
            assertThat(o.telemetry().enabled()).isFalse();
            assertThat(o.metrics()).isEmpty();
        }
    }

    @Test
    void tracing_onlyWhenOtelSettingsAskForIt() {
        assertThat(traces(Map.of())).isFalse();
        assertThat(traces(Map.of("OTEL_SERVICE_NAME", "burrow-test"))).isFalse();
        assertThat(traces(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:1"))).isTrue();
        assertThat(traces(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:1/v1/traces"))).isTrue();
        assertThat(traces(Map.of("OTEL_TRACES_EXPORTER", "otlp"))).isTrue();
        assertThat(traces(Map.of("OTEL_TRACES_EXPORTER", "none", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://x:1")))
                .isFalse();
        assertThat(traces(Map.of("OTEL_SDK_DISABLED", "true", "OTEL_TRACES_EXPORTER", "otlp"))).isFalse();
    }

    private static boolean traces(Map<String, String> env) {
        try (Observability o = new Observability(NO_METRICS, env, Map.of(), false)) {
            return o.telemetry().tracing();
        }
    }

    @Test
    void invalidOtelSettings_areAConfigurationError() {
        try (Observability o = new Observability(NO_METRICS, Map.of("OTEL_TRACES_EXPORTER", "carrier-pigeon"),
                Map.of(), false)) {
            assertThatThrownBy(o::telemetry).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("OTEL_* settings");
        }
    }

    @Test
    void spans_areExportedOverOtlp_toTheConfiguredEndpoint() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                    "http://127.0.0.1:" + collector.getAddress().getPort(), "OTEL_SERVICE_NAME", "burrow-test");
            try (Observability o = new Observability(NO_METRICS, env, Map.of(), false)) {
                Telemetry telemetry = o.telemetry();
                assertThat(telemetry.tracing()).isTrue();
                assertThat(telemetry.meterRegistry()).isEmpty();
                String stdin = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"probe_fetch\","
                        + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}\n";
                try (BurrowServer server = BurrowServer.builder().module(new ProbeModule()).telemetry(telemetry).build()) {
                    server.serveStdio(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                            new ByteArrayOutputStream(), Duration.ofSeconds(10));
                }
            } // closing flushes the batch
            assertThat(received).isNotEmpty();
            assertThat(received).anySatisfy(r -> assertThat(r).startsWith("POST /v1/traces application/x-protobuf")
                    .contains("tools/call probe_fetch", "burrow-test", "mcp.method.name", "gen_ai.tool.name"));
        } finally {
            collector.stop(0);
        }
    }
}
