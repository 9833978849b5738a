package io.burrow.mcp.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.util.Objects;

/**
 * The user's answer to a question the server asked through the client ({@link RequestContext#elicit}).
 *
 * @param action what the user did, or {@link Action#UNSUPPORTED} if the client cannot ask
 * @param content the answer, matching the requested schema, when {@link Action#ACCEPT}; otherwise empty
 */
public record Elicitation(Action action, ObjectNode content) {

    public Elicitation {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(content, "content");
    }

    /** The elicitation result a client sent ({@code {"action": "accept", "content": {…}}}). */
    public static Elicitation of(ObjectNode answer) {
        ObjectNode content = answer.path("content").isObject() ? (ObjectNode) answer.get("content")
                : Json.object();
        return switch (answer.path("action").asText("")) {
            case "accept" -> new Elicitation(Action.ACCEPT, content);
            case "decline" -> new Elicitation(Action.DECLINE, Json.object());
            default -> new Elicitation(Action.CANCEL, Json.object());
        };
    }

    /** Whether the user accepted and answered. */
    public boolean accepted() {
        return action == Action.ACCEPT;
    }

    /** What the user did. */
    public enum Action {
        /** The user answered. */
        ACCEPT,
        /** The user refused. */
        DECLINE,
        /** The user dismissed the question without choosing. */
        CANCEL,
        /** The client cannot ask its user (no {@code elicitation} capability, or no client at all). */
        UNSUPPORTED
    }
}
