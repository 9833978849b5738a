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
import java.util.Map;

/**
 * Serialises a structured-content tree that comes back once. Modules keep cached results as immutable
 * trees and return the same instance on every cache hit; from the second time a tree is seen (by
 * identity: weak keys compare by identity and go with the tree), its JSON text is kept and written as
 * raw JSON on every response instead of walking the tree again. A tree seen once, the usual case, is
 * only noted and then serialised as it is.
 */
final class WireTrees {

    /** Characters of JSON text kept at most. */
    private static final long MAX_CHARS = 4L * 1024 * 1024;
    /** The mark of a tree seen once. */
    private static final Kept SEEN = new Kept(null);

    private final Cache<JsonNode, Kept> trees = Caffeine.newBuilder().weakKeys().maximumWeight(MAX_CHARS)
            .weigher((JsonNode k, Kept v) -> v.json == null ? 1 : 1 + v.json.charLength()).build();

    /** {@code result}, with its structured content written from kept JSON text if its tree came back. */
    McpSchema.CallToolResult wire(McpSchema.CallToolResult result) {
        if (!(result.structuredContent() instanceof JsonNode tree)) {
            return result;
        }
        Kept kept = trees.getIfPresent(tree);
        if (kept == null) {
            trees.put(tree, SEEN);
            return result;
        }
        if (kept == SEEN) {
            kept = new Kept(serialize(tree));
            trees.put(tree, kept);
        }
        return new McpSchema.CallToolResult(result.content(), result.isError(), new Serialized(tree, kept),
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

    /**
     * What is kept of a tree that came back: its JSON text, and the last output schema it passed, which the
     * validator then does not check again (a kept tree never changes).
     */
    static final class Kept {
        final SerializedString json;
        volatile Map<String, Object> passed;

        Kept(SerializedString json) {
            this.json = json;
        }
    }

    /** A tree and what is kept of it; serialises as the kept JSON text. */
    record Serialized(JsonNode tree, Kept kept) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeRawValue(kept.json);
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializerProvider provider, TypeSerializer type)
                throws IOException {
            serialize(gen, provider);
        }

        @Override
        public String toString() {
            return kept.json.getValue();
        }
    }
}
