package io.burrow.mcp.core.protocol;

import io.burrow.mcp.core.spi.ClientRequest;
import java.util.Map;

/**
 * Ends an attempt at a 2026-07-28 request whose handler asked the client something not answered yet:
 * the engine answers with an input-required result carrying these questions, and the client sends the
 * request again with the answers. Control flow only; no stack trace.
 */
final class InputRequired extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The questions, by key. */
    final transient Map<String, ClientRequest> requests;

    InputRequired(Map<String, ClientRequest> requests) {
        super("input required", null, false, false);
        this.requests = Map.copyOf(requests);
    }
}
