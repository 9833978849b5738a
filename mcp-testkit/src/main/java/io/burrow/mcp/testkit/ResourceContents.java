package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A {@code resources/read} result, typed: the first content's URI, MIME type, text or bytes.
 *
 * @param json the {@code ReadResourceResult} object exactly as it travelled
 */
public record ResourceContents(JsonNode json) {

    public ResourceContents {
        Objects.requireNonNull(json, "json");
    }

    /** Every content object ({@code contents}). */
    public List<JsonNode> contents() {
        List<JsonNode> out = new ArrayList<>();
        json.path("contents").forEach(out::add);
        return out;
    }

    private JsonNode first() {
        return json.path("contents").path(0);
    }

    /** The first content's URI. */
    public String uri() {
        return first().path("uri").asText(null);
    }

    /** The first content's MIME type, or {@code null}. */
    public String mimeType() {
        return first().path("mimeType").asText(null);
    }

    /** The first content's text; fails if it is binary. */
    public String text() {
        JsonNode t = first().get("text");
        if (t == null) {
            throw new AssertionError("the resource is not text: " + this);
        }
        return t.asText();
    }

    /** The first content's bytes: its blob decoded, or its text as UTF-8. */
    public byte[] bytes() {
        JsonNode blob = first().get("blob");
        return blob != null ? Base64.getDecoder().decode(blob.asText())
                : text().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String s = json.toString();
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
