package io.burrow.mcp.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** packaging/registry/server.json against the published MCP Registry schema 2025-12-11. */
final class RegistryServerJsonTest {

    private static final Path SERVER_JSON = Schemas.repoRoot().resolve("packaging/registry/server.json");
    private static final Path SCHEMA = Schemas.schemaFile(Schemas.REGISTRY_SCHEMA);

    private static Schema schema() {
        return Schemas.compile(Schemas.json(SCHEMA));
    }

    private static ObjectNode serverJson() {
        return (ObjectNode) Schemas.json(SERVER_JSON);
    }

    @Test
    void schema_isThePublished2025_12_11File() {
        assertThat(Schemas.sha256(SCHEMA)).isEqualTo(Schemas.REGISTRY_SCHEMA_SHA256);
        assertThat(Schemas.json(SCHEMA).path("$id").asText())
                .isEqualTo("https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json");
    }

    @Test
    void serverJson_isValid() {
        assertThat(Schemas.errors(schema(), serverJson())).isEmpty();
        assertThat(serverJson().path("$schema").asText()).isEqualTo(Schemas.json(SCHEMA).path("$id").asText());
    }

    static Stream<Arguments> brokenEntries() {
        return Stream.of(
                Arguments.of("no description", (Consumer<ObjectNode>) s -> s.remove("description")),
                Arguments.of("description over 100 characters", (Consumer<ObjectNode>) s -> s.put("description", "x".repeat(101))),
                Arguments.of("name without a namespace", (Consumer<ObjectNode>) s -> s.put("name", "burrow")),
                Arguments.of("package without identifier", (Consumer<ObjectNode>) s -> pkg(s, "oci").remove("identifier")),
                Arguments.of("package version latest", (Consumer<ObjectNode>) s -> pkg(s, "mcpb").put("version", "latest")),
                Arguments.of("bundle checksum not hex", (Consumer<ObjectNode>) s -> pkg(s, "mcpb").put("fileSha256", "sha256:abc")),
                Arguments.of("unknown transport", (Consumer<ObjectNode>) s -> ((ObjectNode) pkg(s, "oci").path("transport")).put("type", "websocket")),
                Arguments.of("named argument without name", (Consumer<ObjectNode>) s -> ((ObjectNode) pkg(s, "oci").path("runtimeArguments").get(1)).remove("name")),
                Arguments.of("input format unknown", (Consumer<ObjectNode>) s -> ((ObjectNode) pkg(s, "oci").path("environmentVariables").get(0)).put("format", "directory")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEntries")
    void brokenServerJson_isRejected(String what, Consumer<ObjectNode> breakIt) {
        ObjectNode s = serverJson();
        breakIt.accept(s);
        assertThat(Schemas.errors(schema(), s)).as(what).isNotEmpty();
    }

    @Test
    void serverJson_agreesWithTheImageAndTheBundle() {
        ObjectNode s = serverJson();
        String version = Schemas.projectVersion();
        assertThat(s.path("version").asText()).isEqualTo(version);
        // the registry checks that an oci package's image carries this label with the server's name
        Matcher label = Pattern.compile("(?m)^server_name=\"([^\"]+)\"")
                .matcher(Schemas.read(Schemas.repoRoot().resolve("scripts/container/build-image.sh")));
        assertThat(label.find()).as("server_name in build-image.sh").isTrue();
        assertThat(s.path("name").asText()).isEqualTo(label.group(1));
        assertThat(pkg(s, "oci").path("identifier").asText()).endsWith("/burrow:" + version);
        assertThat(pkg(s, "oci").path("packageArguments").toString()).contains("\"stdio\"");
        JsonNode mcpb = pkg(s, "mcpb");
        assertThat(mcpb.path("identifier").asText()).startsWith("https://github.com/")
                .endsWith("/burrow-" + version + "-linux-x64.mcpb");
        assertThat(mcpb.path("version").asText()).isEqualTo(version);
    }

    private static ObjectNode pkg(ObjectNode serverJson, String registryType) {
        for (JsonNode p : (ArrayNode) serverJson.path("packages")) {
            if (registryType.equals(p.path("registryType").asText())) {
                return (ObjectNode) p;
            }
        }
        throw new AssertionError("no " + registryType + " package in server.json");
    }
}
