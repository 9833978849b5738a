package io.burrow.mcp.zim.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.net.Deadline;
import java.util.Objects;

/**
 * Where long work of the reader stops when its request ends: the search's match loop and phrase checks, the
 * snippets, the article renderer's blocks call {@link #step()} once per unit of work (a posting, a node), and every
 * {@value #EVERY} steps the request's deadline and cancellation are checked. A passed deadline throws
 * {@code TIMEOUT}, a cancellation {@code CANCELLED} (the core's codes), so a request the client gave up on stops
 * within a few hundred postings instead of running to the end on a request worker.
 *
 * <p>Not thread-safe: one checkpoint per thread of work (a cross-archive search makes one per archive).
 */
public final class Checkpoint {

    /** Steps between two checks. */
    public static final int EVERY = 256;

    /** Never stops: work without a request (the command line, embedders that pass no scope). */
    public static final Checkpoint NONE = new Checkpoint(FetchScope.NONE);

    private final FetchScope scope;
    private int steps;
    private long checks;

    private Checkpoint(FetchScope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** A checkpoint for work under {@code scope} (a request's deadline and cancellation). */
    public static Checkpoint of(FetchScope scope) {
        return scope == null || scope == FetchScope.NONE ? NONE : new Checkpoint(scope);
    }

    /** A fresh checkpoint of the same scope, for work on another thread. */
    public Checkpoint fork() {
        return this == NONE ? NONE : new Checkpoint(scope);
    }

    /** One unit of work done; every {@value #EVERY} units, {@link #check()}. */
    public void step() {
        if (++steps >= EVERY) {
            steps = 0;
            check();
        }
    }

    /**
     * Throws if the work must stop.
     *
     * @throws BurrowException {@code TIMEOUT} if the request's deadline passed, {@code CANCELLED} if the client
     *     cancelled it
     */
    public void check() {
        if (this == NONE) {
            return;
        }
        checks++;
        Deadline deadline = scope.deadline();
        if (deadline != null && deadline.expired()) {
            throw deadline.timeout();
        }
        if (scope.cancellation().isCancelled()) {
            throw new BurrowException(ErrorCodes.CANCELLED, "The request was cancelled");
        }
    }

    /** How many times the scope was checked (for tests: work stopped at the first check after the end). */
    public long checks() {
        return checks;
    }
}
