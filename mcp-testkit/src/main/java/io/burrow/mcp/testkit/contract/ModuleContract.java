package io.burrow.mcp.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.McpTestClient;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Checks every {@link BurrowModule} must pass. A module's test extends it and supplies the module:
 *
 * <pre>{@code
 * final class GopherModuleContractTest extends ModuleContract {
 *     protected BurrowModule module() { return new GopherModule(); }
 * }
 * }</pre>
 *
 * The checks: the module is discoverable with {@link ServiceLoader}; settings have descriptions and
 * upper-case environment variables; the server starts with default settings; every tool has a
 * description, an object input schema, an output schema and a title; every tool answers arguments of
 * the wrong shape with a structured {@code INVALID_REQUEST} result over MCP; reading an unknown
 * resource of the module's schemes gives a clean JSON-RPC error without internal details.
 */
public abstract class ModuleContract {

    /** A fresh module instance. */
    protected abstract BurrowModule module();

    /** Settings for the contract's server (default: none, so every default applies). */
    protected ConfigSources settings() {
        return ConfigSources.empty();
    }

    /** A URI of the module's scheme that does not exist, or null if the module serves no resources. */
    protected String missingResourceUri() {
        return null;
    }

    private BurrowServer server() {
        return BurrowServer.builder().module(module()).configSources(settings()).build();
    }

    @Test
    void module_isDiscoverableWithServiceLoader() {
        Class<?> type = module().getClass();
        boolean found = ServiceLoader.load(BurrowModule.class).stream().anyMatch(p -> p.type() == type);
        assertTrue(found, type.getName() + " must be listed in META-INF/services/" + BurrowModule.class.getName());
    }

    @Test
    void settings_areDescribed() {
        SettingsCatalog catalog = BurrowServer.catalog(List.of(module()));
        for (SettingDescriptor d : catalog.descriptors()) {
            assertFalse(d.description().isBlank(), d.key() + " needs a description");
            assertTrue(d.env().matches("[A-Z][A-Z0-9_]*"), d.env() + " must be an upper-case environment variable");
        }
    }

    @Test
    void tools_areDescribedWithSchemas() {
        try (BurrowServer server = server()) {
            server.advertisedTools().stream().filter(t -> !t.path("name").asText().equals("health")).forEach(t -> {
                String name = t.path("name").asText();
                assertTrue(t.hasNonNull("title"), name + " needs a title");
                assertTrue(t.path("description").asText().length() >= 40,
                        name + " needs a description telling a model when to use it");
                assertEquals("object", t.path("inputSchema").path("type").asText(),
                        name + " input schema must be an object");
                assertTrue(t.has("outputSchema"), name + " needs an output schema");
                assertTrue(t.has("annotations"), name + " needs annotations");
            });
        }
    }

    @Test
    void tools_rejectWrongArgumentsWithStructuredError() {
        try (BurrowServer server = server(); McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            for (JsonNode tool : client.listTools().path("tools")) {
                String name = tool.path("name").asText();
                JsonNode properties = tool.path("inputSchema").path("properties");
                if (name.equals("health") || properties.isEmpty()) {
                    continue;
                }
                var args = Json.plain().createObjectNode();
                properties.fieldNames().forEachRemaining(p -> args.putArray(p).add(Json.plain().createObjectNode()));
                JsonNode result = client.callTool(name, args);
                assertTrue(result.path("isError").asBoolean(), name + " accepted arguments of the wrong type");
                assertEquals("INVALID_REQUEST", result.at("/structuredContent/error/code").asText(),
                        name + " must answer wrong arguments with INVALID_REQUEST: " + result);
            }
        }
    }

    @Test
    void resources_unknownUriIsACleanError() {
        String uri = missingResourceUri();
        if (uri == null) {
            return;
        }
        try (BurrowServer server = server(); McpTestClient client = McpTestClient.stdio(server)) {
            client.initialize();
            try {
                client.readResource(uri);
                fail("reading " + uri + " should fail");
            } catch (McpTestClient.RpcException e) {
                String text = e.error().toString();
                assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("/home/"),
                        "error leaks internals: " + text);
            }
        }
    }
}
