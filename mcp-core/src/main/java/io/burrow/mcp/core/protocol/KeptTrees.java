package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.core.json.Json;
import java.util.Map;

/**
 * Remembers structured-content trees that come back. Modules keep cached results as immutable trees and
 * return the same instance on every cache hit; from the second time a tree is seen (by identity: weak
 * keys compare by identity and go with the tree), its JSON text is kept and written raw on every
 * response instead of walking the tree again, and it is not validated again against a schema it
 * already passed. A tree seen once, the usual case, is only noted.
 */
final class KeptTrees {

    /** Characters of JSON text kept at most. */
    private static final long MAX_CHARS = 4L * 1024 * 1024;
    /** The mark of a tree seen once. */
    private static final Kept SEEN = new Kept(null);

    private final Cache<JsonNode, Kept> trees = Caffeine.newBuilder().weakKeys().maximumWeight(MAX_CHARS)
            .weigher((JsonNode k, Kept v) -> v.json == null ? 1 : 1 + v.json.length()).build();

    /** What is kept of {@code tree} if it came back before, else {@code null} (and it is noted). */
    Kept lookup(JsonNode tree) {
        Kept kept = trees.getIfPresent(tree);
        if (kept == null) {
            trees.put(tree, SEEN);
            return null;
        }
        if (kept == SEEN) {
            try {
                kept = new Kept(Json.writer().writeValueAsString(tree));
            } catch (JsonProcessingException e) {
                return null;
            }
            trees.put(tree, kept);
        }
        return kept;
    }

    /** The JSON text of a tree that came back, and the last output schema it passed. */
    static final class Kept {
        final String json;
        volatile Map<String, Object> passed;

        Kept(String json) {
            this.json = json;
        }

        RawValue raw() {
            return new RawValue(json);
        }
    }
}
