package io.burrow.mcp.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.interop.InteropFixtureModule;
import io.burrow.mcp.testkit.interop.NodeMcpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client drives the stdio jar ({@code -Pinterop}). Fails, never skips,
 * when node or the npm packages are missing.
 */
final class StdioInteropIT {

    private static Path jar() {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-stdio.jar"));
        assertThat(jar).as("the shaded stdio jar (built by mvn package)").exists();
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void typescriptClient_drivesTheJar() {
        NodeMcpClient node = NodeMcpClient.locate();
        JsonNode r = node.run(NodeMcpClient.Script.stdio(List.of(java(), "-jar", jar().toString()))
                .env("BURROW_LOG_LEVEL", "debug")
                .listTools().expectOk()
                .callTool("health", Map.of()).expectOk()
                .callTool("no_such_tool", Map.of()).expectError());

        JsonAssert.that(r).at("/connected").isTrue().at("/serverInfo/name").isText("burrow")
                .at("/allAsExpected").isTrue();
        assertThat(r.at("/steps/0/result/tools").findValuesAsText("name")).contains("health");
        JsonAssert.that(r).at("/steps/1/result/isError").isFalse()
                .at("/steps/1/result/structuredContent/status").isText("ok");
        JsonAssert.that(r).at("/steps/2/error/code").isNumber(-32602);
        assertThat(r.at("/steps/2/error").toString()).doesNotContain("Exception", "java.", "io.modelcontextprotocol");
        // debug logs went to stderr; stdout carried only JSON-RPC (the client saw no unparseable line)
        assertThat(r.at("/transportErrors").size()).as("transport errors %s", r.at("/transportErrors")).isZero();
        assertThat(r.at("/stderr").asText()).contains("DEBUG");
    }

    @Test
    void typescriptClient_readsAResourceAndGetsCleanErrors() throws Exception {
        NodeMcpClient node = NodeMcpClient.locate();
        String cp = InteropFixtureModule.classpath(jar());
        JsonNode r = node.run(NodeMcpClient.Script.stdio(List.of(java(), "-cp", cp, Main.class.getName()))
                .readResource(InteropFixtureModule.RESOURCE_URI).expectOk()
                .readResource("interop://missing").expectError()
                .callTool(InteropFixtureModule.TOOL, Map.of("text", "hello")).expectOk()
                .callTool(InteropFixtureModule.TOOL, Map.of()).expectOk()
                .callTool(InteropFixtureModule.TOOL, Map.of("text", 42)).expectOk());

        JsonAssert.that(r).at("/allAsExpected").isTrue()
                .at("/steps/0/result/contents/0/text").isText(InteropFixtureModule.RESOURCE_TEXT)
                .at("/steps/0/result/contents/0/mimeType").isText("text/plain");
        JsonAssert.that(r).at("/steps/1/error/code").isNumber(-32002);
        assertThat(r.at("/steps/1/error/message").asText()).contains("No interop resource");
        JsonAssert.that(r).at("/steps/2/result/structuredContent/length").isNumber(5);
        // invalid arguments: an isError result whose structuredContent the client validated against the
        // tool's outputSchema (it would have thrown otherwise)
        JsonAssert.that(r.at("/steps/3/result")).isToolError("INVALID_REQUEST");
        JsonAssert.that(r.at("/steps/4/result")).isToolError("INVALID_REQUEST");
        assertThat(Files.exists(jar())).isTrue();
    }
}
