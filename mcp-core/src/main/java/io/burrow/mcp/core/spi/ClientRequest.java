package io.burrow.mcp.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request the server makes of the client while it handles a call: {@code elicitation/create} (ask
 * the user), and the deprecated {@code sampling/createMessage} and {@code roots/list}. The core sends it
 * as a server-to-client request (protocol 2025-11-25) or as an input request of a multi-round-trip
 * result (2026-07-28); modules see only the answer.
 *
 * @param key names the request within its call, so that an answer finds its question again across
 *     rounds ({@code [A-Za-z0-9_.-]{1,64}}); {@code null} lets the core number the requests in order
 * @param method the method, for example {@code elicitation/create}
 * @param params its parameters
 */
public record ClientRequest(String key, String method, ObjectNode params) {

    /** Asking the user for input. */
    public static final String ELICIT = "elicitation/create";
    /** Asking the client's model for a completion (deprecated in 2026-07-28). */
    public static final String SAMPLE = "sampling/createMessage";
    /** Asking for the client's roots (deprecated in 2026-07-28). */
    public static final String ROOTS = "roots/list";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public ClientRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        if (!method.equals(ELICIT) && !method.equals(SAMPLE) && !method.equals(ROOTS)) {
            throw new IllegalArgumentException("not a client request: " + method);
        }
        if (key != null && !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("request key must match " + KEY + ", was " + key);
        }
    }

    /** A form elicitation: ask the user {@code message}, expecting an answer matching {@code schema}. */
    public static ClientRequest elicitation(String key, String message, ObjectNode schema) {
        ObjectNode params = Json.object();
        params.put("mode", "form");
        params.put("message", Objects.requireNonNull(message, "message"));
        params.set("requestedSchema", Objects.requireNonNull(schema, "schema"));
        return new ClientRequest(key, ELICIT, params);
    }

    /** The client capability the request needs ({@code elicitation}, {@code sampling}, {@code roots}). */
    public String capability() {
        return switch (method) {
            case ELICIT -> "elicitation";
            case SAMPLE -> "sampling";
            default -> "roots";
        };
    }
}
