package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stdio transport through {@link BurrowServer#serveStdio}, with whole inputs given up front. */
final class StdioTransportTest {

    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    /** {@code sleep {ms}} waits, {@code big {chars}} returns a text of that many characters with newlines. */
    static final class TestModule implements BurrowModule {
        @Override
        public String name() {
            return "test";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("sleep").description("Sleeps.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"ms\":{\"type\":\"integer\"}}}")
                    .handler(call -> {
                        try {
                            Thread.sleep(call.arguments().path("ms").asLong());
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return ToolResult.of(Map.of("slept", true), "slept");
                    }).build());
            out.tool(ToolDefinition.builder("big").description("Returns a big text.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"chars\":{\"type\":\"integer\"}}}")
                    .outputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}")
                    .handler(call -> {
                        StringBuilder text = new StringBuilder();
                        while (text.length() < call.arguments().path("chars").asInt()) {
                            text.append("line ").append(text.length()).append(" Zürich\r\n");
                        }
                        ObjectNode tree = Json.object().put("text", text.toString());
                        return ToolResult.of(tree, text.toString());
                    }).build());
        }
    }

    private static String call(Object id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + Json.valueToTree(id) + ",\"method\":\"tools/call\",\"params\":"
                + "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}";
    }

    private record Served(boolean drained, List<JsonNode> messages, String raw) {
        JsonNode byId(Object id) {
            JsonNode want = Json.valueToTree(id);
            return messages.stream().filter(m -> want.equals(m.get("id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no response with id " + id + " in " + raw));
        }
    }

    private static Served serve(InputStream in, Duration drain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean drained;
        try (BurrowServer server = BurrowServer.builder().module(new TestModule()).build()) {
            drained = server.serveStdio(in, out, drain);
        }
        String raw = out.toString(StandardCharsets.UTF_8);
        assertThat(raw).endsWith("\n");
        List<JsonNode> messages = new ArrayList<>();
        for (String line : raw.split("\n", -1)) {
            if (!line.isEmpty()) {
                messages.add(Json.parse(line)); // every line is one whole JSON message
            }
        }
        return new Served(drained, messages, raw);
    }

    private static Served serve(String... lines) throws Exception {
        String input = String.join("\n", lines) + "\n";
        return serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(20));
    }

    @Test
    void badLines_areAnsweredWithErrors_andTheSessionGoesOn() throws Exception {
        Served s = serve(INIT, INITIALIZED, "{this is not json", "[1,2]", "42",
                "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":8}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":\"x\"}",
                "   ", call(10, "sleep", "{\"ms\":0}"));

        assertThat(s.messages()).filteredOn(m -> m.path("id").isNull())
                .extracting(m -> m.at("/error/code").asInt() + " " + m.at("/error/message").asText())
                .containsExactly("-32700 Parse error: not valid JSON",
                        "-32600 Invalid Request: batches are not supported; send one message at a time",
                        "-32600 Invalid Request: a JSON-RPC message is an object");
        assertThat(s.byId(7).at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(s.byId(8).at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(s.byId(9).at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(s.byId(9).at("/error/message").asText()).startsWith("Invalid params").doesNotContain("java");
        assertThat(s.byId(10).at("/result/content/0/text").asText()).isEqualTo("slept");
        assertThat(s.drained()).isTrue();
    }

    @Test
    void trailingContentAndInvalidUtf8_areRefused_notSilentlyCut() throws Exception {
        byte[] overlong = ("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"x\":\"")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write((INIT + "\n" + INITIALIZED + "\n").getBytes(StandardCharsets.UTF_8));
        in.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"} {\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"ping\"}\n"
                .getBytes(StandardCharsets.UTF_8));
        in.write(overlong);
        in.write(new byte[] {(byte) 0xC0, (byte) 0xAF});
        in.write("\"}}\n".getBytes(StandardCharsets.UTF_8));
        in.write("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"ping\"}\n".getBytes(StandardCharsets.UTF_8));

        Served s = serve(new ByteArrayInputStream(in.toByteArray()), Duration.ofSeconds(20));

        assertThat(s.messages()).filteredOn(m -> m.path("id").isNull())
                .extracting(m -> m.at("/error/code").asInt() + " " + m.at("/error/message").asText())
                .containsExactly("-32700 Parse error: more than one JSON value (send one message per line or request)",
                        "-32700 Parse error: invalid UTF-8 at byte " + overlong.length);
        assertThat(s.messages()).noneMatch(m -> m.path("id").asInt() == 2 || m.path("id").asInt() == 22
                || m.path("id").asInt() == 3);
        assertThat(s.byId(4).has("result")).isTrue();
    }

    @Test
    void sessionlessRequests_areAnswered_modernOnesServed() throws Exception {
        Served s = serve("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                        + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                        + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");

        assertThat(s.byId(1).at("/error/message").asText()).contains("initialize");
        assertThat(s.byId(2).at("/result/resultType").asText()).isEqualTo("complete");
        assertThat(s.byId(2).at("/result/tools").size()).isGreaterThan(1);
    }

    @Test
    void crlfLineEndings_areAccepted() throws Exception {
        Served s = serve(INIT + "\r", INITIALIZED + "\r", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\r");

        assertThat(s.byId("init").at("/result/serverInfo/name").asText()).isEqualTo("burrow");
        assertThat(s.byId(2).has("result")).isTrue();
    }

    @Test
    void aLineOverTheLimit_isRefusedWithoutBeingKept_andTheSessionGoesOn() throws Exception {
        byte[] huge = new byte[StdioTransport.MAX_LINE_BYTES + 10];
        Arrays.fill(huge, (byte) 'x');
        InputStream in = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream((INIT + "\n" + INITIALIZED + "\n").getBytes(StandardCharsets.UTF_8)),
                new ByteArrayInputStream(huge),
                new ByteArrayInputStream(("\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}\n")
                        .getBytes(StandardCharsets.UTF_8)))));

        Served s = serve(in, Duration.ofSeconds(20));

        assertThat(s.messages()).anySatisfy(m -> assertThat(m.at("/error/message").asText())
                .startsWith("Parse error: message too large"));
        assertThat(s.byId(2).has("result")).isTrue();
    }

    @Test
    void atTheEndOfInput_requestsInFlightAreStillAnswered() throws Exception {
        Served s = serve(INIT, INITIALIZED, call("slow", "sleep", "{\"ms\":300}"));

        assertThat(s.drained()).isTrue();
        assertThat(s.byId("slow").at("/result/content/0/text").asText()).isEqualTo("slept");
    }

    @Test
    void aDrainTimeout_endsTheSessionWithoutTheAnswer() throws Exception {
        String input = String.join("\n", INIT, INITIALIZED, call("slow", "sleep", "{\"ms\":3000}")) + "\n";

        Served s = serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Duration.ofMillis(50));

        assertThat(s.drained()).isFalse();
        assertThat(s.messages()).noneSatisfy(m -> assertThat(m.path("id").asText()).isEqualTo("slow"));
    }

    @Test
    void pipelinedCalls_areAllAnsweredWithWholeLines() throws Exception {
        List<String> lines = new ArrayList<>(List.of(INIT, INITIALIZED));
        for (int i = 0; i < 60; i++) { // their answers are written concurrently by the tool threads
            lines.add(i % 2 == 0 ? call(i, "big", "{\"chars\":20000}") : call(i, "sleep", "{\"ms\":1}"));
        }

        Served s = serve(lines.toArray(String[]::new));

        for (int i = 0; i < 60; i++) {
            JsonNode r = s.byId(i);
            if (i % 2 == 0) {
                assertThat(r.at("/result/structuredContent/text").asText()).hasSizeGreaterThanOrEqualTo(20000)
                        .isEqualTo(r.at("/result/content/0/text").asText());
            } else {
                assertThat(r.at("/result/isError").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void aLargeResult_keepsItsNewlinesInsideTheOneLine() throws IOException, Exception {
        Served s = serve(INIT, INITIALIZED, call(2, "big", "{\"chars\":3000000}"));

        String text = s.byId(2).at("/result/structuredContent/text").asText();
        assertThat(text).hasSizeGreaterThanOrEqualTo(3_000_000).contains("Zürich\r\nline ");
        assertThat(s.messages()).hasSize(2);
    }
}
