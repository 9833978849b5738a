package io.burrow.mcp.core.net;

import io.burrow.mcp.core.RateLimitedException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A cap on simultaneous operations. {@link #acquire} waits for a slot within the caller's deadline;
 * the returned permit frees it on {@code close()}. A limit of 0 means unlimited.
 */
public final class ConcurrencyLimit {

    /** A held slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit NONE = () -> { };

    private final Semaphore semaphore;
    private final int limit;

    public ConcurrencyLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        this.limit = limit;
        this.semaphore = limit == 0 ? null : new Semaphore(limit, true);
    }

    /**
     * Waits for a slot until the deadline.
     *
     * @throws RateLimitedException if no slot frees in time
     */
    public Permit acquire(Deadline deadline) {
        if (semaphore == null) {
            return NONE;
        }
        try {
            if (!semaphore.tryAcquire(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RateLimitedException("Too many concurrent requests (limit " + limit + ")",
                        "Retry when earlier requests have finished.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitedException("Interrupted while waiting for a request slot");
        }
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        };
    }
}
