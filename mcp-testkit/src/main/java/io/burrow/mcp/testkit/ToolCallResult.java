package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Objects;

/**
 * A {@code tools/call} result, typed: whether it is an error, its structured content, its first text
 * block and, for errors, the Burrow error code. Wraps the result object exactly as it travelled.
 *
 * @param json the {@code CallToolResult} object
 */
public record ToolCallResult(JsonNode json) {

    public ToolCallResult {
        Objects.requireNonNull(json, "json");
    }

    /** Wraps a result object. */
    public static ToolCallResult of(JsonNode json) {
        return new ToolCallResult(json);
    }

    /** Whether the tool reported an error ({@code isError}). */
    public boolean isError() {
        return json.path("isError").asBoolean(false);
    }

    /** The {@code structuredContent}, or a missing node if there is none. */
    public JsonNode structured() {
        JsonNode s = json.get("structuredContent");
        return s == null ? MissingNode.getInstance() : s;
    }

    /** The value at a JSON pointer inside {@code structuredContent}, such as {@code "/results/0/path"}. */
    public JsonNode structured(String pointer) {
        return structured().at(pointer);
    }

    /** Fails, showing the whole result, unless the call succeeded; returns this result. */
    public ToolCallResult assertOk() {
        if (isError()) {
            throw new AssertionError("expected success, the tool answered an error: " + this);
        }
        return this;
    }

    /** Fails, showing the whole result, unless the call failed with {@code code}; returns this result. */
    public ToolCallResult assertError(String code) {
        if (!isError() || !code.equals(errorCode())) {
            throw new AssertionError("expected the error " + code + ", got: " + this);
        }
        return this;
    }

    /** The text of the first text content block, or {@code ""}. */
    public String text() {
        for (JsonNode c : json.path("content")) {
            if ("text".equals(c.path("type").asText())) {
                return c.path("text").asText();
            }
        }
        return "";
    }

    /** The content blocks. */
    public JsonNode content() {
        return json.path("content");
    }

    /** The Burrow error code ({@code structuredContent.error.code}) of an error result, or {@code null}. */
    public String errorCode() {
        JsonNode code = structured().path("error").path("code");
        return isError() && code.isTextual() ? code.asText() : null;
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
