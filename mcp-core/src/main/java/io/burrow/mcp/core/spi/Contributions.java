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
}
