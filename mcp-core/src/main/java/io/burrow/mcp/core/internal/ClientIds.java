package io.burrow.mcp.core.internal;

/** The transport-context key under which launchers store a client identity for per-client limits. */
public final class ClientIds {

    /** Key in {@link io.modelcontextprotocol.common.McpTransportContext}. */
    public static final String KEY = "burrow.client-id";

    private ClientIds() {
    }
}
