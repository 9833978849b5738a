package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.McpTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, defect 8, for every integer argument of every tool of the real modules, over HTTP in both
 * protocol generations: a whole number beyond the argument's bounds, however large, is answered as out of
 * range, naming the argument; never as "must be an integer". On a71c437 an offset of 2^62 was "must be an
 * integer" (the schema let it through; the tool's own check could not tell a large integer from none).
 */
final class ToolArgumentRangeTest {

    /** Values for required arguments, so that a call reaches the integer under test. */
    private static final Map<String, String> REQUIRED = Map.of("entry_path", "wiki/Alan_Turing.html", "section_id", "x",
            "query", "turing", "url", "gopher://127.0.0.1:7/", "action", "remove", "host", "localhost",
            "fingerprint", "ab".repeat(32));

    private static final List<String> BEYOND = List.of("4611686018427387904", "-4611686018427387904",
            "9223372036854775808", "2147483648", "1e30", "-1e30", "1" + "0".repeat(60));

    @TempDir
    Path dir;

    @Test
    void everyIntegerArgument_beyondItsBounds_isOutOfRange() throws IOException {
        Files.copy(Path.of(System.getProperty("burrow.repoRoot", "..")).resolve("fixtures/zim/peer-test-small.zim"),
                dir.resolve("small.zim"));
        ConfigSources config = ConfigSources.empty().withEnv(Map.of("ZIM_DIRECTORIES", dir.toString(), "ZIM_DEMO", "false",
                "GEMINI_TOFU_STORAGE_PATH", dir.resolve("tofu.json").toString(),
                "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("certs").toString()));
        List<String> misleading = new ArrayList<>();
        int checked = 0;
        try (BurrowServer burrow = BurrowServer.builder().discoverModules().configSources(config).build();
             BurrowHttpServer http = BurrowHttpServer.start(burrow, HttpSettings.builder().port(0).build())) {
            for (McpTestClient.Era era : McpTestClient.Era.values()) {
                try (McpTestClient client = McpTestClient.http(http.endpoint(), Map.of()).era(era)) {
                    client.initialize();
                    for (JsonNode tool : client.listTools().path("tools")) {
                        JsonNode schema = tool.path("inputSchema");
                        for (var p = schema.path("properties").fields(); p.hasNext(); ) {
                            var property = p.next();
                            if (!"integer".equals(property.getValue().path("type").asText())) {
                                continue;
                            }
                            for (String value : BEYOND) {
                                ObjectNode args = required(schema);
                                args.set(property.getKey(), Json.parse(value));
                                JsonNode result = client.callTool(tool.path("name").asText(), args);
                                String message = result.path("structuredContent").path("error").path("message").asText();
                                String call = era + " " + tool.path("name").asText() + " " + args + " -> " + message;
                                checked++;
                                if (!result.path("isError").asBoolean() || !message.contains("out of range")
                                        || !message.contains(property.getKey()) || message.contains("must be an integer")) {
                                    misleading.add(call);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).as("integer arguments checked").isGreaterThan(40);
        assertThat(misleading).as("answers that do not say the value is out of range").isEmpty();
    }

    /** Arguments that let a call reach its integers: the required ones and those the tool needs in practice. */
    private static ObjectNode required(JsonNode schema) {
        ObjectNode args = Json.object();
        for (JsonNode name : schema.path("required")) {
            assertThat(REQUIRED).as("a value for the required argument %s", name).containsKey(name.asText());
        }
        REQUIRED.forEach((name, value) -> {
            if (schema.path("properties").has(name)) {
                args.put(name, value);
            }
        });
        return args;
    }
}
