package io.burrow.mcp.core.spi;

/**
 * Runs a tool call. Implementations return a {@link ToolResult} or throw a
 * {@link io.burrow.mcp.core.BurrowException}, which the core turns into an error result; any other
 * exception becomes {@code INTERNAL_ERROR} with its details logged, never shown to the client.
 */
@FunctionalInterface
public interface ToolHandler {

    ToolResult call(ToolCall call);
}
