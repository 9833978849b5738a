package io.burrow.mcp.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.burrow.mcp.core.json.Json;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema 2020-12 validation of tool arguments and results, with compiled schemas cached by
 * identity: tool schemas are built once and the same map instances are passed on every call, so the
 * lookup is a pointer comparison.
 */
public final class SchemaValidator {

    /**
     * The draft 2020-12 registry and meta-schema, one per process, made on first use or by {@link #preload()}:
     * off the start-up path (the library's dialect and the meta-schema load some 250 classes).
     */
    private static final class Shared {
        static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012());
        static final Schema META = REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    }
    private final Map<Map<String, Object>, Schema> compiled = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * Validates {@code tree} against {@code schema}.
     *
     * @return {@code null} if valid, else a client-safe description of at most five problems
     */
    public String validate(Map<String, Object> schema, JsonNode tree) {
        try {
            List<Error> errors = compile(schema).validate(tree);
            if (errors.isEmpty()) {
                return null;
            }
            StringBuilder m = new StringBuilder();
            for (Error e : errors.subList(0, Math.min(5, errors.size()))) {
                if (m.length() > 0) {
                    m.append("; ");
                }
                m.append(e.getInstanceLocation()).append(": ").append(message(e));
            }
            return m.toString();
        } catch (RuntimeException e) {
            return "schema validation failed";
        }
    }

    /**
     * The description of one problem: a number outside a {@code minimum} or {@code maximum} (exclusive or
     * not) says it is out of range, with the bound, whatever its size; others as the library puts them.
     */
    private static String message(Error e) {
        String bound = switch (String.valueOf(e.getKeyword())) {
            case "minimum" -> "at least ";
            case "maximum" -> "at most ";
            case "exclusiveMinimum" -> "greater than ";
            case "exclusiveMaximum" -> "less than ";
            default -> null;
        };
        JsonNode limit = e.getSchemaNode();
        JsonNode value = e.getInstanceNode();
        if (bound == null || limit == null || !limit.isNumber() || value == null || !value.isNumber()) {
            return e.getMessage();
        }
        String was = value.asText();
        return (was.length() > 40 ? was.substring(0, 40) + "…" : was) + " is out of range: must be " + bound
                + limit.asText();
    }

    /**
     * Checks that {@code schema} is itself a usable JSON schema (compiles), for tool registration.
     *
     * @throws IllegalArgumentException if it does not compile
     */
    public void check(Map<String, Object> schema) {
        List<Error> errors;
        try {
            errors = Shared.META.validate(Json.valueToTree(schema));
            compile(schema);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a usable JSON schema: " + e.getMessage(), e);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("not a valid JSON Schema 2020-12: " + errors.get(0));
        }
    }

    /** Compiles {@code schema} now, so that its first {@link #validate} does not; does nothing if it does not compile. */
    public void prepare(Map<String, Object> schema) {
        try {
            compile(schema);
        } catch (RuntimeException e) {
            // validate answers for it
        }
    }

    /** Makes the shared registry and meta-schema now (for a thread that works ahead of the first call). */
    public static void preload() {
        Shared.META.validate(Json.valueToTree(Map.of("type", "object", "properties", Map.of("a", Map.of("type",
                "string")))));
    }

    private Schema compile(Map<String, Object> schema) {
        Schema s = compiled.get(schema);
        if (s == null) {
            if (compiled.size() > 1024) {
                compiled.clear(); // callers passing fresh maps each time must not grow the cache without bound
            }
            s = Shared.REGISTRY.getSchema(Json.valueToTree(schema));
            compiled.put(schema, s);
        }
        return s;
    }
}
