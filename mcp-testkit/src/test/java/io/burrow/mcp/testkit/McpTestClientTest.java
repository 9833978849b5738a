package io.burrow.mcp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

final class McpTestClientTest {

    /** A module with a counting tool and a resource scheme, to drive the harness. */
    static final class CountModule implements BurrowModule {
        @Override
        public String name() {
            return "count";
        }

        @Override
        public void contribute(ModuleContext context, Contributions out) {
            out.tool(ToolDefinition.builder("count")
                    .title("Count")
                    .description("Counts to n, reporting progress at each step; for testing the harness.")
                    .inputSchema("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}},\"required\":[\"n\"]}")
                    .outputSchema("{\"type\":\"object\",\"properties\":{\"counted\":{\"type\":\"integer\"}}}")
                    .handler(call -> {
                        int n = call.args().integer("n", 0, 0, 100);
                        for (int i = 1; i <= n; i++) {
                            call.progress(i, (double) n, "step " + i);
                        }
                        return ToolResult.of(Map.of("counted", n));
                    })
                    .build());
            out.resources(new ResourceProvider() {
                @Override
                public Set<String> schemes() {
                    return Set.of("num");
                }

                @Override
                public List<ResourceTemplateInfo> templates() {
                    return List.of(new ResourceTemplateInfo("num://{+n}", "number", null, null, "text/plain"));
                }

                @Override
                public ResourceData read(String uri, ReadLimits limits) {
                    if (uri.equals("num://7")) {
                        return ResourceData.text(uri, "text/plain", "seven");
                    }
                    throw new NotFoundException("No number at " + uri);
                }
            });
        }
    }

    @AutoClose
    final BurrowServer server = BurrowServer.builder().module(new CountModule()).build();
    @AutoClose
    final McpTestClient client = McpTestClient.stdio(server);

    @Test
    void initialize_reportsServerInfoAndCapabilities() {
        JsonAssert.that(client.initialize()).at("/serverInfo/name").isText("burrow")
                .at("/capabilities/tools").exists()
                .at("/instructions").textContains("Burrow");
    }

    @Test
    void callTool_withProgressToken_receivesProgressNotifications() {
        client.initialize();
        List<JsonNode> progress = new ArrayList<>();
        JsonNode result = client.callTool("count", Map.of("n", 3), progress::add);
        JsonAssert.that(result).at("/isError").isFalse().at("/structuredContent/counted").isNumber(3);
        assertThat(progress).hasSize(3);
        assertThat(progress.get(2).path("progress").asDouble()).isEqualTo(3.0);
        assertThat(progress.get(2).path("total").asDouble()).isEqualTo(3.0);
    }

    @Test
    void callTool_wrongArguments_isStructuredError() {
        client.initialize();
        JsonAssert.that(client.callTool("count", Map.of("n", "x"))).isToolError("INVALID_REQUEST");
    }

    @Test
    void readResource_textAndMissing() {
        client.initialize();
        JsonAssert.that(client.readResource("num://7")).at("/contents/0/text").isText("seven")
                .at("/contents/0/mimeType").isText("text/plain");
        assertThatThrownBy(() -> client.readResource("num://8"))
                .isInstanceOfSatisfying(McpTestClient.RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32002);
                    assertThat(e.error().path("data").path("code").asText()).isEqualTo("NOT_FOUND");
                });
    }

    @Test
    void readResource_unknownScheme_listsAvailable() {
        client.initialize();
        assertThatThrownBy(() -> client.readResource("nope://x"))
                .isInstanceOfSatisfying(McpTestClient.RpcException.class,
                        e -> assertThat(e.error().path("data").path("hint").asText()).contains("num"));
    }

    @Test
    void requestLine_returnsTheResponseAsWritten_notificationsStillCollected() throws Exception {
        client.initialize();
        byte[] line = client.requestLine("tools/call", Map.of("name", "count", "arguments", Map.of("n", 2),
                "_meta", Map.of("progressToken", "t")));
        assertThat(line[line.length - 1]).isNotEqualTo((byte) '\n');
        JsonNode response = Json.parse(line);
        JsonAssert.that(response).at("/result/structuredContent/counted").isNumber(2);
        // the progress notifications written before the response went to notifications(), not to the caller
        assertThat(client.notifications()).filteredOn(n -> n.path("method").asText().equals("notifications/progress"))
                .hasSize(2);
    }

    @Test
    void requestLine_errorResponse() throws Exception {
        client.initialize();
        JsonNode response = Json.parse(client.requestLine("no/such/method", Map.of()));
        assertThat(response.path("error").path("code").asInt()).isEqualTo(-32601);
    }

    @Test
    void responseId_onlyForResponsesWithNumericIds() throws Exception {
        assertThat(id("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"a\":[1,2]}}")).isEqualTo("7");
        assertThat(id("{\"result\":{\"id\":3},\"jsonrpc\":\"2.0\",\"id\":8}")).isEqualTo("8");
        assertThat(id("{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-1}}")).isEqualTo("9");
        assertThat(id("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"roots/list\"}")).isNull();
        assertThat(id("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}")).isNull();
        assertThat(id("{\"jsonrpc\":\"2.0\",\"id\":\"7\",\"result\":{}}")).isNull();
        assertThat(id("[1]")).isNull();
    }

    private static String id(String line) throws Exception {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return McpTestClient.responseId(b, b.length);
    }

    @Test
    void anEventStreamCutOffMidway_failsTheRequestAtOnce_insteadOfAtTheTimeout() throws Exception {
        assertThatThrownBy(() -> overHttp("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n4\r\n:\n\n\r\n20\r\nevent: mess"))
                .isInstanceOf(McpTestClient.RpcException.class).hasMessageContaining("HTTP 0");
    }

    @Test
    void anAnswerOverHttp_isTheRequestsResult_andNothingElse() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}";
        assertThat(overHttp("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body)).isEmpty();
    }

    /**
     * Sends a ping to a server that answers with {@code response} and closes; the notifications the client
     * collected besides the answer (checked to arrive within ten seconds).
     */
    private static List<JsonNode> overHttp(String response) throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = server.accept()) {
                    java.io.InputStream in = s.getInputStream();
                    byte[] buf = new byte[8192];
                    String head = "";
                    while (!head.contains("\r\n\r\n")) {
                        int n = in.read(buf);
                        if (n < 0) {
                            return;
                        }
                        head += new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
                    }
                    s.getOutputStream().write(response.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                } catch (java.io.IOException e) {
                    // the test fails on its own
                }
            });
            t.setDaemon(true);
            t.start();
            try (McpTestClient client = McpTestClient.http(java.net.URI.create("http://127.0.0.1:" + server.getLocalPort()
                    + "/mcp"), Map.of()).timeout(java.time.Duration.ofSeconds(20))) {
                long t0 = System.nanoTime();
                try {
                    client.request("ping", Map.of());
                } finally {
                    assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0)).isLessThan(java.time.Duration.ofSeconds(10));
                }
                Thread.sleep(200); // anything the channel adds after the answer
                return client.notifications();
            }
        }
    }
}
