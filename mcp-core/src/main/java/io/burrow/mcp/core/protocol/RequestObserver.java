package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Hears of every request the engine receives and of every 2025-11-25 session that ends (metrics, traces). */
interface RequestObserver {

    /** Observes nothing. */
    RequestObserver NONE = new RequestObserver() {
        @Override
        public Observation start(JsonNode id, String method, ObjectNode params, Exchange exchange) {
            return Observation.NONE;
        }

        @Override
        public void sessionEnded(LegacySession session, Transport transport) {
        }
    };

    /**
     * A request arrived (a message with a method and a valid id); the observation ends exactly once.
     *
     * @param params its params, or an empty object
     */
    Observation start(JsonNode id, String method, ObjectNode params, Exchange exchange);

    /** A 2025-11-25 session ended (DELETE, idle timeout, end of the connection, shutdown). */
    void sessionEnded(LegacySession session, Transport transport);
}
