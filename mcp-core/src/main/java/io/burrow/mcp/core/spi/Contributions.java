package io.burrow.mcp.core.spi;

import java.util.Map;
import java.util.function.Supplier;

/** Where a module registers what it offers. Names must be unique across all modules. */
public interface Contributions {

    /** A tool. */
    Contributions tool(ToolDefinition tool);

    /** A resource provider serving one or more URI schemes. */
    Contributions resources(ResourceProvider provider);

    /** A protocol client, for embedders that fetch without MCP. */
    Contributions client(ProtocolClient<?> client);

    /** A prompt. */
    Contributions prompt(PromptDefinition prompt);

    /** Completions for a prompt argument or a resource-template variable. */
    Contributions completion(CompletionDefinition completion);

    /** A paragraph of the server instructions telling models when to use this module's tools. */
    Contributions instructions(String text);

    /** Module facts for the {@code health} tool (counts, index presence…), computed on each call. */
    Contributions health(Supplier<Map<String, Object>> health);

    /** Released when the server closes. */
    Contributions onClose(AutoCloseable resource);

    /**
     * Work that makes this module's first calls faster (opening indexes, loading what a first search needs),
     * done once on a background thread when the server receives its first request, and never before: start-up
     * does not wait for it, and a server that is never asked anything does not do it. The task must be safe to
     * run alongside the module's calls (they may come first); what it throws is logged at debug and ignored.
     * The default does nothing, for implementations that have no use for it.
     */
    default Contributions warmUp(Runnable task) {
        return this;
    }
}
