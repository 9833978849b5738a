package io.burrow.mcp.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.testkit.McpError;
import io.burrow.mcp.testkit.McpTestClient.Era;
import io.burrow.mcp.testkit.McpTester;
import io.burrow.mcp.testkit.SchemaAssert;
import io.burrow.mcp.testkit.ToolCallResult;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rules every {@link BurrowModule} must follow, as tests. A module's test extends it and supplies the module:
 *
 * <pre>{@code
 * class EchoModuleContractTest extends ModuleContract {
 *     @Override
 *     protected BurrowModule module() {
 *         return new EchoModule();
 *     }
 * }
 * }</pre>
 *
 * The rules of the SPI: a short lower-case name; listed for {@link ServiceLoader} with a public no-argument
 * constructor (override {@link #discoverable()} for a module only ever passed to the builder); a server of it
 * starts and closes, twice; every setting described, with an upper-case environment variable; tool names as MCP
 * allows them, unique, described, with object input schemas and object output schemas if any; arguments of the
 * wrong type answered with an {@code INVALID_REQUEST} error result whose {@code structuredContent} matches the
 * tool's output schema, in both protocol generations; an unknown resource answered with a JSON-RPC error of kind
 * {@code NOT_FOUND} ({@code -32002} under 2025-11-25, {@code -32602} under 2026-07-28) without internals; listed
 * resources readable. Burrow's conventions on top ({@link #tools_followBurrowConventions}): every tool has a
 * title, annotations, an output schema and a description of at least 40 characters telling a model when to use
 * it; override {@link #checkConventions()} to skip them.
 */
public abstract class ModuleContract {

    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** A fresh module instance. */
    protected abstract BurrowModule module();

    /** Settings for the contract's servers (default: none, so every default applies). */
    protected ConfigSources settings() {
        return ConfigSources.empty();
    }

    /** A URI of one of the module's schemes that does not exist, or {@code null} if it serves no resources. */
    protected String missingResourceUri() {
        return null;
    }

    /** Whether the module is listed for {@link ServiceLoader} (default {@code true}). */
    protected boolean discoverable() {
        return true;
    }

    /** Whether {@link #tools_followBurrowConventions} applies (default {@code true}). */
    protected boolean checkConventions() {
        return true;
    }

    private BurrowServer server() {
        return BurrowServer.builder().module(module()).configSources(settings()).build();
    }

    private McpTester connect(BurrowServer server, Era era) {
        return McpTester.builder().era(era).inProcess(server);
    }

    private static List<JsonNode> toolsOf(BurrowServer server) {
        return server.advertisedTools().stream().map(t -> (JsonNode) t)
                .filter(t -> !t.path("name").asText().equals("health")).toList();
    }

    @Test
    void module_hasAShortLowerCaseName() {
        String name = module().name();
        assertTrue(name != null && MODULE_NAME.matcher(name).matches(),
                "module name must be lower case, at most 32 characters: " + name);
    }

    @Test
    void module_isDiscoverableWithServiceLoader() throws ReflectiveOperationException {
        assumeTrue(discoverable(), "the module is passed to the builder only");
        Class<?> type = module().getClass();
        boolean found = ServiceLoader.load(BurrowModule.class).stream().anyMatch(p -> p.type() == type);
        assertTrue(found, type.getName() + " must be listed in META-INF/services/" + BurrowModule.class.getName());
        assertTrue(Modifier.isPublic(type.getModifiers()) && Modifier.isPublic(type.getConstructor().getModifiers()),
                type.getName() + " needs to be public with a public no-argument constructor");
    }

    @Test
    void server_startsAndClosesTwice() {
        for (int i = 0; i < 2; i++) {
            try (BurrowServer server = server()) {
                assertTrue(server.modules().contains(module().name()), "the server runs " + module().name());
            }
        }
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
    void tools_haveValidNamesAndSchemas() {
        try (BurrowServer server = server()) {
            Set<String> names = new HashSet<>();
            for (JsonNode t : toolsOf(server)) {
                String name = t.path("name").asText();
                assertTrue(TOOL_NAME.matcher(name).matches(), "tool name not allowed by MCP: " + name);
                assertTrue(names.add(name), "two tools are called " + name);
                assertFalse(t.path("description").asText().isBlank(), name + " needs a description");
                assertEquals("object", t.path("inputSchema").path("type").asText(), name + ": input schema must be an object");
                if (t.has("outputSchema")) {
                    assertEquals("object", t.path("outputSchema").path("type").asText(),
                            name + ": output schema must be an object");
                }
            }
        }
    }

    @Test
    void tools_followBurrowConventions() {
        assumeTrue(checkConventions(), "conventions not checked for this module");
        try (BurrowServer server = server()) {
            for (JsonNode t : toolsOf(server)) {
                String name = t.path("name").asText();
                assertTrue(t.hasNonNull("title"), name + " needs a title");
                assertTrue(t.path("description").asText().length() >= 40,
                        name + " needs a description telling a model when to use it");
                assertTrue(t.has("outputSchema"), name + " needs an output schema");
                assertTrue(t.has("annotations"), name + " needs annotations");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void tools_answerWrongArgumentsWithInvalidRequest(Era era) {
        try (BurrowServer server = server(); McpTester mcp = connect(server, era)) {
            for (JsonNode tool : mcp.tools().tools()) {
                String name = tool.path("name").asText();
                JsonNode properties = tool.path("inputSchema").path("properties");
                if (name.equals("health") || properties.isEmpty()) {
                    continue;
                }
                ObjectNode args = Json.object();
                properties.fieldNames().forEachRemaining(p -> args.putArray(p).add(Json.object()));
                ToolCallResult result = mcp.call(name, args);
                assertTrue(result.isError(), name + " accepted arguments of the wrong type: " + result);
                assertEquals("INVALID_REQUEST", result.errorCode(), name + " must answer INVALID_REQUEST: " + result);
                if (tool.has("outputSchema")) {
                    SchemaAssert.matches(tool.get("outputSchema"), result.structured());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void resources_unknownUriIsACleanNotFound(Era era) {
        String uri = missingResourceUri();
        assumeTrue(uri != null, "the module serves no resources");
        try (BurrowServer server = server(); McpTester mcp = connect(server, era)) {
            McpError e = mcp.error("resources/read", java.util.Map.of("uri", uri));
            assertEquals(era == Era.LEGACY ? -32002 : -32602, e.code(), "JSON-RPC code of an unknown resource: " + e);
            assertNotNull(e.errorCode(), "the error names its Burrow code in data.code: " + e);
            String text = e.toString();
            assertFalse(text.contains("Exception") || text.contains("\tat ") || text.contains("/home/"),
                    "the error leaks internals: " + text);
        }
    }

    @Test
    void resources_listedOnesAreReadable() {
        try (BurrowServer server = server(); McpTester mcp = connect(server, Era.LEGACY)) {
            List<JsonNode> listed = mcp.resources();
            for (JsonNode r : listed.subList(0, Math.min(3, listed.size()))) {
                String uri = r.path("uri").asText();
                assertFalse(mcp.read(uri).contents().isEmpty(), uri + " is listed but reads as nothing");
            }
        }
    }
}
