package io.burrow.mcp.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.core.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;

/**
 * Serialises each structured-content tree once. Modules keep cached results as immutable trees and
 * return the same instance on every cache hit; the JSON text of such a tree is kept (by the tree's
 * identity: weak keys compare by identity and go with the tree) and written as raw JSON on every
 * later response instead of walking the tree again.
 */
final class WireTrees {

    /** Characters of JSON text kept at most. */
    private static final long MAX_CHARS = 8L * 1024 * 1024;

    private final Cache<JsonNode, SerializedString> serialized = Caffeine.newBuilder().weakKeys()
            .maximumWeight(MAX_CHARS).weigher((JsonNode k, SerializedString v) -> v.charLength()).build();

    /** {@code result} with its structured content written from the kept JSON text. */
    McpSchema.CallToolResult wire(McpSchema.CallToolResult result) {
        if (!(result.structuredContent() instanceof JsonNode tree)) {
            return result;
        }
        SerializedString json = serialized.get(tree, WireTrees::serialize);
        return new McpSchema.CallToolResult(result.content(), result.isError(), new Serialized(tree, json),
                result.meta());
    }

    private static SerializedString serialize(JsonNode tree) {
        try {
            return new SerializedString(Json.plain().writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tree of structured content that was wrapped by {@link #wire}, or {@code content} itself. */
    static Object tree(Object content) {
        return content instanceof Serialized s ? s.tree() : content;
    }

    /** A tree and its JSON text; serialises as the text. */
    record Serialized(JsonNode tree, SerializedString json) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(json);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider provider, TypeSerializer type)
                throws IOException {
            serialize(gen, provider);
        }

        @Override
        public String toString() {
            return json.getValue();
        }
    }
}
