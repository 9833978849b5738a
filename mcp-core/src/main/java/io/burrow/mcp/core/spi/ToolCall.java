package io.burrow.mcp.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One invocation of a tool: its validated arguments, and the channels back to the client. */
public interface ToolCall extends RequestContext {

    /** The tool's name. */
    String toolName();

    /** The arguments, already validated against the tool's input schema. */
    ObjectNode arguments();

    /** Typed access to {@link #arguments()}. */
    default Args args() {
        return new Args(arguments());
    }
}
