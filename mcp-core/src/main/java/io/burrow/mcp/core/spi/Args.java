package io.burrow.mcp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, checked access to tool arguments. Every failure is an {@link InvalidRequestException} naming
 * the argument, so handlers need no checks of their own beyond their domain rules.
 */
public final class Args {

    private final ObjectNode node;

    public Args(ObjectNode node) {
        this.node = node;
    }

    /** Whether the argument is present and not null. */
    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** A required string argument. */
    public String string(String name) {
        return optString(name).orElseThrow(() -> new InvalidRequestException("Argument '" + name + "' is required"));
    }

    /** An optional string argument. */
    public Optional<String> optString(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException("Argument '" + name + "' must be a string");
        }
        return Optional.of(v.asText());
    }

    /** An optional integer argument within {@code [min, max]}, else {@code defaultValue}. */
    public int integer(String name, int defaultValue, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidRequestException("Argument '" + name + "' must be an integer");
        }
        int i = v.asInt();
        if (i < min || i > max) {
            throw new InvalidRequestException("Argument '" + name + "' must be between " + min + " and " + max
                    + ", was " + i);
        }
        return i;
    }

    /** An optional boolean argument, else {@code defaultValue}. */
    public boolean bool(String name, boolean defaultValue) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw new InvalidRequestException("Argument '" + name + "' must be true or false");
        }
        return v.asBoolean();
    }

    /** An optional array of strings; empty when absent. */
    public List<String> strings(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new InvalidRequestException("Argument '" + name + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new InvalidRequestException("Argument '" + name + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    /** The raw node of an argument, or {@code null}. */
    public JsonNode raw(String name) {
        return node.get(name);
    }
}
