package io.burrow.mcp.testkit.interop;

import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tiny module for interop tests of the launchers: a tool with input and output schemas
 * ({@code interop_echo}) and a resource ({@code interop://hello}). It is not registered for
 * {@link java.util.ServiceLoader} discovery; {@link #classpath(Path)} builds a class path that adds it
 * to a launcher jar, so the real jar discovers it like any backend module.
 */
public final class InteropFixtureModule implements BurrowModule {

    /** The text of {@link #RESOURCE_URI}. */
    public static final String RESOURCE_TEXT = "Hello from the Burrow interop fixture.";
    /** A readable resource. */
    public static final String RESOURCE_URI = "interop://hello";
    /** A tool with a required string argument {@code text} and an output schema. */
    public static final String TOOL = "interop_echo";

    @Override
    public String name() {
        return "interop";
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        out.tool(ToolDefinition.builder(TOOL)
                .title("Echo")
                .description("Echoes its text argument (interop test fixture).")
                .inputSchema("""
                        {"type":"object","properties":{"text":{"type":"string","minLength":1,"maxLength":1000}},
                         "required":["text"],"additionalProperties":false}""")
                .outputSchema("""
                        {"type":"object","properties":{"text":{"type":"string"},"length":{"type":"integer"}},
                         "required":["text","length"]}""")
                .handler(call -> {
                    String text = call.args().string("text");
                    return ToolResult.of(Map.of("text", text, "length", text.length()), text);
                })
                .build());
        out.resources(new ResourceProvider() {
            @Override
            public Set<String> schemes() {
                return Set.of("interop");
            }

            @Override
            public List<ResourceInfo> resources() {
                return List.of(new ResourceInfo(RESOURCE_URI, "hello", "Hello", "A fixed greeting", "text/plain", null));
            }

            @Override
            public List<ResourceTemplateInfo> templates() {
                return List.of(new ResourceTemplateInfo("interop://{name}", "interop", "Interop resources",
                        "Resources of the interop fixture", "text/plain"));
            }

            @Override
            public ResourceData read(String uri, ReadLimits limits) {
                if (uri.equals(RESOURCE_URI)) {
                    return ResourceData.text(uri, "text/plain", RESOURCE_TEXT);
                }
                throw new NotFoundException("No interop resource " + uri, "Try " + RESOURCE_URI);
            }
        });
    }

    /**
     * A class path made of {@code launcherJar}, this module's classes and a generated
     * {@code META-INF/services} entry for it, for {@code java -cp … <launcher main class>}.
     */
    public static String classpath(Path launcherJar) {
        try {
            Path self = Path.of(InteropFixtureModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path services = Files.createTempDirectory("burrow-interop-services");
            Path file = services.resolve("META-INF/services/io.burrow.mcp.core.spi.BurrowModule");
            Files.createDirectories(file.getParent());
            Files.writeString(file, InteropFixtureModule.class.getName() + "\n");
            services.toFile().deleteOnExit();
            return String.join(java.io.File.pathSeparator, launcherJar.toString(), self.toString(), services.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
