package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One inbound JSON-RPC message and the way back to its sender, as a request/response transport
 * (Streamable HTTP) implements it. {@link McpEndpoint#handle} calls exactly one of {@link #reply},
 * {@link #accepted} or {@link #abandon} per exchange, possibly after some {@link #send}s and possibly
 * from another thread; implementations must be thread-safe.
 */
public interface Exchange {

    /** The transport. */
    Transport transport();

    /** Who sent the message. */
    Client client();

    /** A request header (case-insensitive name), or {@code null}; transports without headers return {@code null}. */
    default String header(String name) {
        return null;
    }

    /**
     * Sends a message that belongs to this request before its answer: a progress or log notification,
     * a request to the client (2025-11-25), or an event of a subscription stream. A transport that can
     * answer with one JSON body switches to a stream on the first call.
     */
    void send(JsonNode message);

    /** Sends the final answer and ends the exchange. */
    void reply(JsonNode message, Reply reply);

    /** Ends the exchange without an answer: the message was a notification or a response (HTTP 202). */
    void accepted();

    /** Ends the exchange without an answer because the request was cancelled or the server is closing. */
    void abandon();

    /**
     * Says that this exchange stays open until the client or the server ends it (a subscription stream)
     * rather than until the request is answered: a transport waiting for requests in flight (at
     * shutdown) need not wait for it, and should keep it alive.
     */
    default void longLived() {
    }

    /**
     * Runs {@code action} if the sender goes away before the exchange ended (it closed the connection or
     * the response stream): for the 2026-07-28 protocol that cancels the request. Transports that cannot
     * tell ignore it.
     */
    default void onClose(Runnable action) {
    }
}
