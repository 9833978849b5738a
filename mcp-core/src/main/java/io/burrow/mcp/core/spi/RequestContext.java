package io.burrow.mcp.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.Deadline;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels back to the client while the server answers one of its requests (a tool call, a
 * prompt): progress, log messages, questions to the user, cancellation and the deadline. The same
 * interface serves both protocol generations (2025-11-25 sessions and 2026-07-28 sessionless requests)
 * and every transport; modules never see the wire.
 */
public interface RequestContext {

    /** Whether the client asked for progress notifications. */
    boolean progressRequested();

    /**
     * Sends a progress notification if the client asked for them; otherwise does nothing.
     *
     * @param progress work done so far, increasing with each call
     * @param total total work, or {@code null} if unknown
     * @param message a short message, or {@code null}
     */
    void progress(double progress, Double total, String message);

    /** Sends a log message to the client (subject to the level it set); does nothing where unsupported. */
    void log(LogLevel level, String message);

    /**
     * Identifies the client for per-client limits: a hash of the HTTP credentials and address, or
     * {@code "stdio"} / {@code "local"}. Never the credential itself.
     */
    String clientId();

    /** The name the client gave for itself ({@code clientInfo.name}), if any; for display and logs only. */
    default Optional<String> clientName() {
        return Optional.empty();
    }

    /**
     * Whether the request came from a remote client (over HTTP) rather than a local one (stdio,
     * in-process), for limits that protect a shared server but would only hinder a user's own process.
     */
    default boolean remote() {
        return false;
    }

    /**
     * Whether the client declared a capability ({@code elicitation}, {@code sampling}, {@code roots}) for
     * this request (2026-07-28) or its session (2025-11-25).
     */
    default boolean clientSupports(String capability) {
        return false;
    }

    /** Whether the client has given up on this request (cancelled, disconnected, or the deadline passed). */
    default Cancellation cancellation() {
        return Cancellation.NONE;
    }

    /** When the server answers this request at the latest; work that would run past it is wasted. */
    Deadline deadline();

    /**
     * Asks the client several things at once (the user's input, or with the deprecated features a model
     * completion or the roots) and returns the answers by request key. A request the client cannot
     * answer (it did not declare the capability, or there is no client) has no entry.
     *
     * <p>Under protocol 2026-07-28 the questions travel in an input-required result and the client sends
     * the request again with the answers: this method then ends the current attempt (with an exception
     * the core catches; do not catch {@code RuntimeException} around it) and the handler runs again from
     * the start, this time receiving the answers. So ask before doing anything that must not happen
     * twice, and ask the same questions in the same order on every run. Answers of earlier rounds come
     * back sealed by the server, so a client cannot change them later.
     */
    Map<String, ObjectNode> askAll(List<ClientRequest> requests);

    /** Asks the client one thing; empty if it cannot answer. See {@link #askAll}. */
    default Optional<ObjectNode> ask(ClientRequest request) {
        ClientRequest keyed = request.key() != null ? request
                : new ClientRequest("input-1", request.method(), request.params());
        return Optional.ofNullable(askAll(List.of(keyed)).get(keyed.key()));
    }

    /**
     * Asks the user a question through the client ({@code elicitation/create}, form mode).
     *
     * @param message what to ask, shown to the user
     * @param requestedSchema a flat JSON object schema of the answer (string, number, boolean, enum properties)
     * @return the user's action and answer; {@link Elicitation.Action#UNSUPPORTED} if the client cannot ask
     */
    default Elicitation elicit(String message, ObjectNode requestedSchema) {
        return ask(ClientRequest.elicitation("confirm", message, requestedSchema))
                .map(Elicitation::of)
                .orElseGet(() -> new Elicitation(Elicitation.Action.UNSUPPORTED, Json.object()));
    }

    /** Levels of client log messages. */
    enum LogLevel { DEBUG, INFO, NOTICE, WARNING, ERROR }
}
