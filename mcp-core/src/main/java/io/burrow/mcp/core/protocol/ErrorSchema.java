package io.burrow.mcp.core.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extends a tool's output schema so that error results validate too: clients that check
 * {@code structuredContent} against {@code outputSchema} even for {@code isError} results then accept
 * {@code {"kind":"error","error":{"code","message","hint"}}}.
 */
final class ErrorSchema {

    private static final Map<String, Object> ERROR = Map.of(
            "type", "object",
            "properties", Map.of(
                    "kind", Map.of("const", "error"),
                    "error", Map.of("type", "object",
                            "properties", Map.of("code", Map.of("type", "string"), "message", Map.of("type", "string")),
                            "required", List.of("code", "message"))),
            "required", List.of("kind", "error"));

    private ErrorSchema() {
    }

    static Map<String, Object> withErrorBranch(Map<String, Object> schema) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "object");
        out.put("anyOf", List.of(schema, ERROR));
        return out;
    }
}
