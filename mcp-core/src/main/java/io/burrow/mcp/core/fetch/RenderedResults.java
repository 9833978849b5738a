package io.burrow.mcp.core.fetch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.Objects;
import java.util.function.Function;

/**
 * The tool results of cached fetch results, computed once per stored result: a cache hit hands out the
 * same result instance again, so its JSON tree and text rendering are kept, keyed by that instance's
 * identity (weak keys: an entry goes when the cache drops the result). A hit that differs only in its
 * {@code request_info} (a timestamp, {@code cached: true}) reuses the tree with that one member
 * replaced; hits with the same request information get the very same tree, which the server then does
 * not validate again. Thread-safe.
 *
 * @param <R> the result type (records serialised by {@link Json#wire()})
 */
public final class RenderedResults<R> {

    private static final String REQUEST_INFO = "request_info";

    private final Cache<R, Rendered> rendered;
    private final Function<? super R, String> render;

    private RenderedResults(int maxEntries, Function<? super R, String> render) {
        this.rendered = Caffeine.newBuilder().weakKeys().maximumSize(Math.max(16, maxEntries)).build();
        this.render = Objects.requireNonNull(render, "render");
    }

    /**
     * A memo of at most {@code maxEntries} results (at least 16).
     *
     * @param render the text rendering of a result
     */
    public static <R> RenderedResults<R> create(int maxEntries, Function<? super R, String> render) {
        return new RenderedResults<>(maxEntries, render);
    }

    /**
     * The tool result of a stored result.
     *
     * @param stored the result instance the cache holds
     * @param requestInfo this call's {@code request_info}, or {@code null} to serve the stored one
     */
    public ToolResult toolResult(R stored, Object requestInfo) {
        Rendered r = rendered.get(stored, s -> new Rendered((ObjectNode) Json.toTree(s), render.apply(s)));
        return ToolResult.of(requestInfo == null ? r.wire : r.tree(requestInfo), r.text);
    }

    private static final class Rendered {
        final ObjectNode wire;
        final String text;
        volatile Hit last;

        Rendered(ObjectNode wire, String text) {
            this.wire = wire;
            this.text = text;
        }

        ObjectNode tree(Object info) {
            Hit h = last;
            if (h == null || !h.info().equals(info)) {
                ObjectNode out = wire.objectNode();
                out.setAll(wire);
                out.set(REQUEST_INFO, Json.toTree(info));
                h = new Hit(info, out);
                last = h;
            }
            return h.tree();
        }
    }

    private record Hit(Object info, ObjectNode tree) {
    }
}
