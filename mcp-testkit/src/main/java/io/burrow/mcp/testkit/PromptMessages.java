package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code prompts/get} result, typed: its description and messages.
 *
 * @param json the {@code GetPromptResult} object exactly as it travelled
 */
public record PromptMessages(JsonNode json) {

    public PromptMessages {
        Objects.requireNonNull(json, "json");
    }

    /** The description, or {@code null}. */
    public String description() {
        return json.path("description").asText(null);
    }

    /** The messages, in order. */
    public List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        json.path("messages").forEach(out::add);
        return out;
    }

    /** The text of every text message, in order. */
    public List<String> texts() {
        return messages().stream().map(m -> m.path("content")).filter(c -> "text".equals(c.path("type").asText()))
                .map(c -> c.path("text").asText()).toList();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
