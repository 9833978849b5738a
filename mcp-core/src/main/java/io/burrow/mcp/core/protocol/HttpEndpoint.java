package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The protocol side of a Streamable HTTP endpoint: every POST body goes to {@link #handle}; a GET opens
 * a 2025-11-25 session's stream ({@link #openStream}); a DELETE ends a session ({@link #endSession}).
 * The HTTP side (status codes of transport errors, JSON or event-stream bodies, authentication) belongs
 * to the transport.
 */
public final class HttpEndpoint implements AutoCloseable {

    private final Engine engine;
    private final HttpSessions sessions;

    HttpEndpoint(Engine engine, HttpSessions sessions) {
        this.engine = engine;
        this.sessions = sessions;
    }

    /** Handles one POSTed message; answers through {@code exchange}, possibly later and from another thread. */
    public void handle(JsonNode message, Exchange exchange) {
        engine.handle(message, exchange, null, sessions);
    }

    /**
     * Makes {@code stream} the channel of the session {@code sessionId} for messages that belong to no
     * request (resource list changes and updates).
     *
     * @return {@code false} if there is no such session (answer 404)
     */
    public boolean openStream(String sessionId, Exchange stream) {
        return sessions.stream(sessionId, stream);
    }

    /**
     * Ends a session and cancels its running requests.
     *
     * @return {@code false} if there is no such session (answer 404)
     */
    public boolean endSession(String sessionId) {
        return sessions.end(sessionId);
    }

    /** Whether this endpoint serves 2025-11-25 clients without sessions. */
    public boolean stateless() {
        return sessions.stateless();
    }

    /** Sessions open now. */
    public int sessions() {
        return sessions.size();
    }

    /** Ends every session. */
    @Override
    public void close() {
        sessions.close();
    }
}
