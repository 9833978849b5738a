package io.burrow.mcp.core.spi;

import java.util.List;

/**
 * The entry point of a backend module (Gopher, Gemini, ZIM, or an embedder's own).
 *
 * <p>Modules are found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/io.burrow.mcp.core.spi.BurrowModule}. Embedding applications may also pass
 * instances to {@code BurrowServer.builder().module(…)}. Implementations are stateless until
 * {@link #contribute} is called, and have a public no-argument constructor.
 *
 * <pre>{@code
 * public final class EchoModule implements BurrowModule {
 *     public String name() { return "echo"; }
 *
 *     public void contribute(ModuleContext context, Contributions out) {
 *         out.tool(ToolDefinition.builder("echo")
 *                 .title("Echo")
 *                 .description("Echoes its text back. Use it to check that the server answers.")
 *                 .inputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
 *                 .outputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
 *                 .hints(ToolHints.READ_ONLY_LOCAL)
 *                 .handler(call -> ToolResult.of(Map.of("text", call.args().string("text"))))
 *                 .build());
 *     }
 * }
 * }</pre>
 *
 * A tool returns {@code structuredContent} only when it declares an output schema (see {@link ToolResult});
 * {@code mcp-testkit}'s {@code ModuleContract} checks a module against these rules.
 */
public interface BurrowModule {

    /** A short unique name, lower case ({@code gopher}); used in logs, health output and cache names. */
    String name();

    /**
     * The settings groups this module reads with {@link ModuleContext#settings(Class)}. The core binds
     * and validates them all before any module is initialised, so an invalid setting in any module
     * stops startup with every violation listed.
     */
    default List<Class<? extends Record>> settingsGroups() {
        return List.of();
    }

    /**
     * Registers the module's tools, resources, prompts, completions and instructions. Called once, at
     * server start, on one thread.
     *
     * @param context what the core offers the module: settings, caches, host policy, clock, executor, logger
     * @param contributions where the module registers what it offers
     */
    void contribute(ModuleContext context, Contributions contributions);
}
