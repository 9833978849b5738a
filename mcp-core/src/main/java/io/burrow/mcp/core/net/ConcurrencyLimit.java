package io.burrow.mcp.core.net;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.RateLimitedException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cap on simultaneous operations with a bounded queue (a bulkhead). {@link #acquire} takes a free slot
 * at once, else waits in the queue for one within the caller's deadline; when the queue is full it fails
 * at once with {@code OVERLOADED}. The returned permit frees the slot on {@code close()}. A limit of 0
 * means unlimited. Thread-safe.
 */
public final class ConcurrencyLimit {

    /** Seconds an overloaded caller is told to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;

    /** A held slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final Permit NONE = () -> { };

    private final Semaphore semaphore;
    private final int limit;
    private final int maxQueued;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LongAdder overloaded = new LongAdder();

    /** A cap of {@code limit} (0: unlimited) with an unbounded queue. */
    public ConcurrencyLimit(int limit) {
        this(limit, Integer.MAX_VALUE);
    }

    /**
     * A cap of {@code limit} (0: unlimited) and at most {@code maxQueued} callers waiting for a slot.
     *
     * @throws IllegalArgumentException if either is negative
     */
    public ConcurrencyLimit(int limit, int maxQueued) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must be >= 0");
        }
        this.limit = limit;
        this.maxQueued = maxQueued;
        this.semaphore = limit == 0 ? null : new Semaphore(limit, true);
    }

    /**
     * Takes a slot, waiting in the queue until the deadline if none is free.
     *
     * @throws BurrowException {@code OVERLOADED} (with {@code retry_after_seconds}) if the queue is full
     * @throws RateLimitedException if no slot frees in time
     */
    public Permit acquire(Deadline deadline) {
        if (semaphore == null) {
            return NONE;
        }
        if (!semaphore.tryAcquire()) {
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                overloaded.increment();
                throw new BurrowException(ErrorCodes.OVERLOADED, "Too many requests in flight (" + limit
                        + " running, " + maxQueued + " waiting)", "Retry in " + RETRY_AFTER_SECONDS + " seconds.")
                        .withDetail("retry_after_seconds", RETRY_AFTER_SECONDS);
            }
            try {
                if (!semaphore.tryAcquire(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new RateLimitedException("Too many concurrent requests (limit " + limit + ")",
                            "Retry when earlier requests have finished.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RateLimitedException("Interrupted while waiting for a request slot");
            } finally {
                waiting.decrementAndGet();
            }
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        };
    }

    /** The cap (0: unlimited). */
    public int limit() {
        return limit;
    }

    /** Slots in use now. */
    public int inFlight() {
        return semaphore == null ? 0 : limit - semaphore.availablePermits();
    }

    /** Callers waiting for a slot now. */
    public int waiting() {
        return waiting.get();
    }

    /** Callers refused with {@code OVERLOADED} so far. */
    public long overloaded() {
        return overloaded.sum();
    }

    /** Whether the queue is full now (the next caller without a free slot is refused). */
    public boolean saturated() {
        return semaphore != null && semaphore.availablePermits() == 0 && waiting.get() >= maxQueued;
    }
}
