package io.burrow.mcp.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;

/**
 * Assertions on JSON trees by JSON pointer, with the whole document in every failure message.
 *
 * <pre>{@code
 * JsonAssert.that(result).at("/isError").isFalse()
 *         .at("/structuredContent/kind").isText("menu")
 *         .at("/structuredContent/items").hasSize(12);
 * }</pre>
 */
public final class JsonAssert {

    private final JsonNode root;
    private final String pointer;
    private final JsonNode node;

    private JsonAssert(JsonNode root, String pointer) {
        this.root = root;
        this.pointer = pointer;
        this.node = pointer.isEmpty() ? root : root.at(pointer);
    }

    /** Starts assertions on a document. */
    public static JsonAssert that(JsonNode document) {
        if (document == null) {
            throw new AssertionError("expected a JSON document, got null");
        }
        return new JsonAssert(document, "");
    }

    /** Moves to another node of the same document (JSON pointer from the root, e.g. {@code /a/0/b}). */
    public JsonAssert at(String jsonPointer) {
        return new JsonAssert(root, jsonPointer);
    }

    /** The current node. */
    public JsonNode node() {
        return node;
    }

    private AssertionError fail(String expectation) {
        String doc;
        try {
            doc = Json.prettyWriter().writeValueAsString(root);
        } catch (Exception e) {
            doc = root.toString();
        }
        if (doc.length() > 4000) {
            doc = doc.substring(0, 4000) + "…";
        }
        return new AssertionError("at " + (pointer.isEmpty() ? "/" : pointer) + ": expected " + expectation
                + " but was " + (node.isMissingNode() ? "missing" : node.toString()) + "\nin " + doc);
    }

    public JsonAssert exists() {
        if (node.isMissingNode()) {
            throw fail("a value");
        }
        return this;
    }

    public JsonAssert isMissing() {
        if (!node.isMissingNode()) {
            throw fail("no value");
        }
        return this;
    }

    public JsonAssert isText(String expected) {
        if (!node.isTextual() || !node.asText().equals(expected)) {
            throw fail("\"" + expected + "\"");
        }
        return this;
    }

    public JsonAssert textContains(String fragment) {
        if (!node.isTextual() || !node.asText().contains(fragment)) {
            throw fail("text containing \"" + fragment + "\"");
        }
        return this;
    }

    public JsonAssert isNumber(long expected) {
        if (!node.isNumber() || node.asLong() != expected || (node.isFloatingPointNumber()
                && node.asDouble() != expected)) {
            throw fail(String.valueOf(expected));
        }
        return this;
    }

    public JsonAssert isTrue() {
        if (!node.isBoolean() || !node.asBoolean()) {
            throw fail("true");
        }
        return this;
    }

    public JsonAssert isFalse() {
        if (!node.isBoolean() || node.asBoolean()) {
            throw fail("false");
        }
        return this;
    }

    public JsonAssert hasSize(int expected) {
        if (!(node.isArray() || node.isObject()) || node.size() != expected) {
            throw fail("an array or object of size " + expected);
        }
        return this;
    }

    /** The result of {@code tools/call} is an error result with this code. */
    public JsonAssert isToolError(String code) {
        return at("/isError").isTrue().at("/structuredContent/kind").isText("error")
                .at("/structuredContent/error/code").isText(code);
    }
}
