package io.burrow.mcp.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.launcher.internal.Logging;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code BURROW_LOG_FORMAT=json}: every line is one JSON object; a line logged while a request runs carries
 * the trace and span ids of the request's span (whose parent came from {@code _meta.traceparent}), the
 * request id, the tool and a hash of the client, never the client's identity itself.
 */
final class JsonLogTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

    @AfterEach
    void restore() {
        Logging.configure("info", "text", System.err);
    }

    @Test
    void jsonLines_parse_andCarryTheTraceOfTheirRequest() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Logging.configure("info", "json", log);
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        String stdin = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"call-2\",\"method\":\"tools/call\",\"params\":{\"name\":\"probe_fetch\","
                        + "\"arguments\":{\"key\":\"legacy\"},\"_meta\":{\"traceparent\":\"00-" + TRACE_ID
                        + "-b7ad6b7169203331-01\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"probe_fetch\","
                        + "\"arguments\":{\"key\":\"modern\"},\"_meta\":{\"traceparent\":\"00-" + TRACE_ID
                        + "-b7ad6b7169203331-01\",\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}") + "\n";
        // not closed: shutting the in-memory exporter down forgets its spans
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        try (BurrowServer server = BurrowServer.builder().module(new ProbeModule())
                .telemetry(Telemetry.builder().openTelemetry(otel).logContext(true).build()).build()) {
            server.serveStdio(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), Duration.ofSeconds(10));
        }

        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = json.readTree(line); // every line is one JSON object
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(Instant.parse(node.path("time").asText())).isNotNull();
            assertThat(node.path("level").asText()).isNotEmpty();
            assertThat(node.path("logger").asText()).isNotEmpty();
            lines.add(node);
        }
        List<JsonNode> answered = lines.stream().filter(n -> n.path("logger").asText().equals("burrow.probe")).toList();
        assertThat(answered).hasSize(2);
        for (JsonNode line : answered) {
            String key = line.path("key").asText();
            assertThat(line.path("message").asText()).isEqualTo("probe answered " + key);
            assertThat(line.path("level").asText()).isEqualTo("INFO");
            SpanData span = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getSpanId().equals(line.path("span_id").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no span for " + line + " among " + spans.getFinishedSpanItems()));
            assertThat(span.getName()).isEqualTo("tools/call probe_fetch");
            assertThat(line.path("trace_id").asText()).isEqualTo(TRACE_ID).isEqualTo(span.getTraceId());
            assertThat(line.path("tool").asText()).isEqualTo("probe_fetch");
            assertThat(line.path("mcp_method").asText()).isEqualTo("tools/call");
            assertThat(line.path("request_id").asText()).isEqualTo(key.equals("legacy") ? "call-2" : "3");
            assertThat(line.path("client_hash").asText()).matches("[0-9a-f]{12}");
            assertThat(line.toString()).doesNotContain("\"stdio\"");
        }
    }

    @Test
    void textLines_areThePlainFormat() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Logging.configure("info", "text", log);
        org.slf4j.LoggerFactory.getLogger("burrow.test").info("hello {}", "world");
        org.slf4j.LoggerFactory.getLogger("burrow.test").debug("not shown at info");
        assertThat(log.toString(StandardCharsets.UTF_8))
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^]]+] INFO  burrow\\.test - hello world\\R");
    }
}
