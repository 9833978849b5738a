package io.burrow.mcp.core.spi;

import io.burrow.mcp.core.json.Json;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool: its name, descriptions, JSON schemas, hints and handler. Build one with
 * {@link #builder(String)}; schemas are JSON Schema 2020-12 written as JSON text.
 *
 * @param name unique tool name ({@code [a-z][a-z0-9_]*})
 * @param title human title
 * @param description what the tool does and when to use it (models read this)
 * @param inputSchema JSON schema of the arguments ({@code "type":"object"})
 * @param outputSchema JSON schema of the structured result, or {@code null}
 * @param hints MCP annotations
 * @param handler the implementation
 */
public record ToolDefinition(String name, String title, String description, Map<String, Object> inputSchema,
        Map<String, Object> outputSchema, ToolHints hints, ToolHandler handler) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ToolDefinition {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("tool name must match " + NAME + ", was " + name);
        }
        Objects.requireNonNull(description, "description");
        inputSchema = Map.copyOf(Objects.requireNonNull(inputSchema, "inputSchema"));
        outputSchema = outputSchema == null ? null : Map.copyOf(outputSchema);
        Objects.requireNonNull(hints, "hints");
        Objects.requireNonNull(handler, "handler");
    }

    /** Starts a definition; description, input schema and handler are required. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builder of {@link ToolDefinition}. */
    public static final class Builder {
        private final String name;
        private String title;
        private String description;
        private Map<String, Object> inputSchema;
        private Map<String, Object> outputSchema;
        private ToolHints hints = ToolHints.READ_ONLY_LOCAL;
        private ToolHandler handler;

        private Builder(String name) {
            this.name = name;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The input schema as JSON text. */
        public Builder inputSchema(String json) {
            this.inputSchema = parse(json);
            return this;
        }

        public Builder inputSchema(Map<String, Object> schema) {
            this.inputSchema = schema;
            return this;
        }

        /** The output schema as JSON text. */
        public Builder outputSchema(String json) {
            this.outputSchema = parse(json);
            return this;
        }

        public Builder outputSchema(Map<String, Object> schema) {
            this.outputSchema = schema;
            return this;
        }

        public Builder hints(ToolHints hints) {
            this.hints = hints;
            return this;
        }

        public Builder handler(ToolHandler handler) {
            this.handler = handler;
            return this;
        }

        public ToolDefinition build() {
            return new ToolDefinition(name, title, description, inputSchema, outputSchema, hints, handler);
        }

        /** The schema as maps, lists and values ({@link Json#readObject}). */
        private static Map<String, Object> parse(String json) {
            try {
                return Json.readObject(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("schema is not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
    }
}
