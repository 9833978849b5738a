package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.zim.internal.Checkpoint;
import java.util.function.Supplier;

/**
 * The deadline and cancellation of the tool call or prompt the current thread serves, so that the jobs' long work
 * (searches, renders) stops when the request ends without every job method taking it as a parameter. Bound around
 * each handler ({@link ZimTools}, {@link ZimPrompts}); work handed to another thread (a cross-archive search) takes
 * {@link #current()} with it and binds it there.
 */
final class CallScope {

    private static final ThreadLocal<FetchScope> CURRENT = new ThreadLocal<>();

    private CallScope() {
    }

    /** Runs {@code body} with {@code scope} as the current scope. */
    static <T> T during(FetchScope scope, Supplier<T> body) {
        FetchScope outer = CURRENT.get();
        CURRENT.set(scope);
        try {
            return body.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The current scope: the request's, or {@link FetchScope#NONE} outside of one. */
    static FetchScope current() {
        FetchScope s = CURRENT.get();
        return s == null ? FetchScope.NONE : s;
    }

    /** A new checkpoint of the current scope (one per piece of work; checkpoints count steps). */
    static Checkpoint checkpoint() {
        return Checkpoint.of(current());
    }
}
