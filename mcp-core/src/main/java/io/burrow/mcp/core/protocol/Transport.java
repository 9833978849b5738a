package io.burrow.mcp.core.protocol;

/** The kind of transport a message came over. */
public enum Transport {
    /** Newline-delimited JSON-RPC over a byte stream (a process's stdin and stdout). */
    STDIO("pipe"),
    /** Streamable HTTP. */
    HTTP("tcp");

    private final String networkTransport;

    Transport(String networkTransport) {
        this.networkTransport = networkTransport;
    }

    /** The OpenTelemetry {@code network.transport} value. */
    public String networkTransport() {
        return networkTransport;
    }
}
