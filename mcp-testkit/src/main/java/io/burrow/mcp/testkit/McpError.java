package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A JSON-RPC error response, typed: its JSON-RPC code and message, and the Burrow error code and hint
 * that Burrow puts in {@code data}.
 *
 * @param json the {@code error} object exactly as it travelled
 */
public record McpError(JsonNode json) {

    public McpError {
        Objects.requireNonNull(json, "json");
    }

    /** The JSON-RPC code, such as -32602. */
    public int code() {
        return json.path("code").asInt();
    }

    /** The message. */
    public String message() {
        return json.path("message").asText();
    }

    /** The Burrow error code ({@code data.code}, such as {@code NOT_FOUND}), or {@code null}. */
    public String errorCode() {
        JsonNode c = json.path("data").path("code");
        return c.isTextual() ? c.asText() : null;
    }

    /** The hint ({@code data.hint}), or {@code null}. */
    public String hint() {
        JsonNode h = json.path("data").path("hint");
        return h.isTextual() ? h.asText() : null;
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
