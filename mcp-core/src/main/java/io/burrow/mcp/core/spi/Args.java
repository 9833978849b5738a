package io.burrow.mcp.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.InvalidRequestException;
import java.math.BigDecimal;
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

    /**
     * An optional integer argument within {@code [min, max]}, else {@code defaultValue}. Any whole number
     * is an integer, as in JSON Schema ({@code 2.0} and {@code 1e3} too); one outside the bounds, however
     * large, is refused as out of range, not as "not an integer".
     */
    public int integer(String name, int defaultValue, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        boolean infinite = v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue()); // 1e400 reads as infinity
        BigDecimal d = !v.isNumber() || infinite ? null : v.decimalValue();
        if (!infinite && (d == null || d.signum() != 0 && d.stripTrailingZeros().scale() > 0)) {
            throw new InvalidRequestException("Argument '" + name + "' must be an integer");
        }
        if (infinite || d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            String was = v.asText();
            throw new InvalidRequestException("Argument '" + name + "' is out of range: must be between " + min
                    + " and " + max + ", was " + (was.length() > 40 ? was.substring(0, 40) + "…" : was));
        }
        return d.intValueExact();
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
