package io.burrow.mcp.core.spi;

/**
 * MCP tool annotations.
 *
 * @param readOnly the tool does not modify its environment
 * @param destructive the tool may destroy data (meaningful only when not read-only)
 * @param idempotent repeated calls with the same arguments have no further effect
 * @param openWorld the tool reaches outside the server (the network)
 */
public record ToolHints(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** Reads local data only. */
    public static final ToolHints READ_ONLY_LOCAL = new ToolHints(true, false, true, false);
    /** Reads from the network. */
    public static final ToolHints READ_ONLY_NETWORK = new ToolHints(true, false, true, true);
}
