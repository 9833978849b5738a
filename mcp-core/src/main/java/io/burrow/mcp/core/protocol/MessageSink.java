package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a connection-oriented transport writes what the server sends: each message whole, in the
 * order of the calls. Called from several threads at once; implementations serialise the writes.
 */
@FunctionalInterface
public interface MessageSink {

    /** Writes one JSON-RPC message. */
    void write(JsonNode message);
}
