package io.burrow.mcp.gopher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.McpTestClient;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gopher module over real MCP (the SDK's stdio transport, in-process). */
final class GopherMcpTest {

    private final FakeGopherServer gopher = new FakeGopherServer().start();
    private final BurrowServer server = TestSupport.server(Map.of("GOPHER_CACHE_ENABLED", "false"));
    private final McpTestClient client = McpTestClient.stdio(server);

    @BeforeEach
    void init() {
        client.initialize();
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
        gopher.close();
    }

    @Test
    void toolsList_advertisesBothToolsWithSchemasAndHints() {
        JsonNode tools = client.listTools().path("tools");
        List<String> names = new ArrayList<>();
        tools.forEach(t -> names.add(t.path("name").asText()));
        assertThat(names).contains("gopher_fetch", "gopher_batch_fetch");
        for (JsonNode t : tools) {
            if (t.path("name").asText().startsWith("gopher_")) {
                assertThat(t.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
                assertThat(t.path("annotations").path("openWorldHint").asBoolean()).isTrue();
                assertThat(t.path("outputSchema").path("type").asText()).isEqualTo("object");
            }
        }
    }

    @Test
    void gopherFetch_menuOverMcp_hasStructuredContentAndText() {
        gopher.enqueue(gopher.menu().info("Hello").item('0', "About", "/about").build());
        JsonNode r = client.callTool("gopher_fetch", Map.of("url", gopher.rootUrl()));
        JsonAssert.that(r).at("/isError").isFalse()
                .at("/structuredContent/kind").isText("menu")
                .at("/structuredContent/items/1/next_url").isText(gopher.url('0', "/about"))
                .at("/content/0/text").textContains("[0]  About");
    }

    @Test
    void gopherFetch_errorOverMcp_isAnIsErrorResult() {
        JsonNode r = client.callTool("gopher_fetch", Map.of("url", "gopher://[::1"));
        JsonAssert.that(r).isToolError("INVALID_REQUEST").at("/structuredContent/request_info/url").isText("gopher://[::1");
    }

    @Test
    void batch_sendsProgressNotifications() {
        gopher.dispatcher(req -> GopherResponse.text("doc " + req.selector()));
        List<JsonNode> progress = Collections.synchronizedList(new ArrayList<>());
        JsonNode r = client.callTool("gopher_batch_fetch", Map.of("urls", List.of(gopher.url('0', "/a"),
                gopher.url('0', "/b"), gopher.url('0', "/c"))), progress::add);
        JsonAssert.that(r).at("/structuredContent/results").hasSize(3)
                .at("/structuredContent/results/2/text").isText("doc /c");
        assertThat(progress).hasSize(3);
        assertThat(progress).allSatisfy(p -> assertThat(p.path("total").asDouble()).isEqualTo(3.0));
        assertThat(progress.get(2).path("progress").asDouble()).isEqualTo(3.0);
    }

    @Test
    void resourcesRead_textAndBlob() {
        gopher.enqueue(GopherResponse.text("plain"));
        JsonNode text = client.readResource(gopher.url('0', "/t.txt"));
        JsonAssert.that(text).at("/contents/0/text").isText("plain");
        byte[] png = TestSupport.raw("10-image-png.raw");
        gopher.enqueue(GopherResponse.bytes(png));
        JsonNode blob = client.readResource(gopher.url('I', "/logo"));
        JsonAssert.that(blob).at("/contents/0/mimeType").isText("image/png");
        assertThat(Base64.getDecoder().decode(blob.at("/contents/0/blob").asText())).isEqualTo(png);
    }

    @Test
    void resourceTemplates_advertiseGopher() {
        JsonNode templates = client.request("resources/templates/list", Map.of());
        assertThat(templates.toString()).contains("gopher://{host}/{+path}");
    }

    @Test
    void resourcesRead_failure_isACleanRpcError() {
        assertThatThrownBy(() -> client.readResource(gopher.url('8', "/telnet")))
                .isInstanceOf(McpTestClient.RpcException.class)
                .satisfies(e -> assertThat(((McpTestClient.RpcException) e).error().toString())
                        .contains("NOT_FETCHABLE").doesNotContain("Exception"));
    }
}
