package io.burrow.mcp.core.spi;

import java.util.List;

/**
 * What a tool returns: a structured value (a record, map or Jackson node, serialised with snake_case
 * keys) for {@code structuredContent}, and a readable text rendering for {@code content}. When
 * {@code text} is {@code null} the core renders the structured value as indented JSON.
 *
 * <p>The structured value is sent as {@code structuredContent} when the tool declares an output
 * schema (it must then match it), and always for error results; a tool without an output schema
 * sends only its content blocks. Declare an output schema whenever a tool returns structured data.
 *
 * @param structured the structured result; never {@code null} for tools with an output schema
 * @param text the text rendering, or {@code null} for the default rendering
 * @param error whether this is an error result ({@code isError})
 * @param content further content blocks (images, embedded resources) appended after the text
 */
public record ToolResult(Object structured, String text, boolean error, List<Content> content) {

    public ToolResult {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /** A successful result rendered as JSON text. */
    public static ToolResult of(Object structured) {
        return new ToolResult(structured, null, false, List.of());
    }

    /** A successful result with its own text rendering. */
    public static ToolResult of(Object structured, String text) {
        return new ToolResult(structured, text, false, List.of());
    }

    /** A result made only of content blocks (no structured value). */
    public static ToolResult ofContent(List<Content> content) {
        return new ToolResult(null, null, false, content);
    }

    /** The same result marked as an error. */
    public ToolResult asError() {
        return new ToolResult(structured, text, true, content);
    }
}
