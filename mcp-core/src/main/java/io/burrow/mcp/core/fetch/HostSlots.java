package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.RateLimitedException;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.Deadline;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-host concurrency cap of one backend (politeness, as gopher-mcp's 5 concurrent requests per host): at
 * most {@code limit} connections to one host and port at once. A caller waits for a slot of its host, first come
 * first served, within its deadline, and then fails with {@code RATE_LIMITED} and {@code retry_after_seconds};
 * other hosts are never held up by a busy one (their slots are separate, and a waiting caller holds nothing
 * else). Only hosts with a connection open or a caller waiting are tracked, so the map stays as small as the
 * traffic. A limit of 0 means no cap. Thread-safe.
 */
final class HostSlots {

    /** Seconds a caller refused for a busy host is told to wait. */
    static final int RETRY_AFTER_SECONDS = 1;

    private static final ConcurrencyLimit.Permit NONE = () -> { };

    /** One host's slots and how many callers hold or wait for one (changed only inside the map's compute). */
    private static final class Host {
        final Semaphore slots;
        int users;

        Host(int limit) {
            this.slots = new Semaphore(limit, true);
        }
    }

    private final int limit;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();

    HostSlots(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        this.limit = limit;
    }

    /**
     * Takes a slot of {@code key} (a {@link Upstream#rateKey}), waiting until the deadline if all are taken.
     *
     * @throws RateLimitedException {@code RATE_LIMITED} with {@code retry_after_seconds} and {@code host} if
     *     no slot freed in time
     */
    ConcurrencyLimit.Permit acquire(String key, Deadline deadline) {
        if (limit == 0) {
            return NONE;
        }
        Host host = hosts.compute(key, (k, h) -> {
            Host v = h == null ? new Host(limit) : h;
            v.users++;
            return v;
        });
        boolean acquired = false;
        try {
            acquired = host.slots.tryAcquire()
                    || host.slots.tryAcquire(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!acquired) {
                leave(key);
            }
        }
        if (!acquired) {
            refused.increment();
            RateLimitedException e = new RateLimitedException("Too many concurrent requests to " + key + " (at most "
                    + limit + " at once)", "Retry in " + RETRY_AFTER_SECONDS + " second, or fetch fewer URLs of this "
                    + "host at once.");
            e.withDetail("retry_after_seconds", RETRY_AFTER_SECONDS);
            e.withDetail("host", key);
            throw e;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                host.slots.release();
                leave(key);
            }
        };
    }

    private void leave(String key) {
        hosts.computeIfPresent(key, (k, h) -> --h.users == 0 ? null : h);
    }

    /** The cap per host (0: none). */
    int limit() {
        return limit;
    }

    /** Connections open now to {@code key}. */
    int inFlight(String key) {
        Host h = hosts.get(key);
        return h == null ? 0 : limit - h.slots.availablePermits();
    }

    /** Hosts with every slot taken now. */
    int hostsAtLimit() {
        int n = 0;
        for (Host h : hosts.values()) {
            if (h.slots.availablePermits() == 0) {
                n++;
            }
        }
        return n;
    }

    /** Hosts tracked now (a connection open or a caller waiting). */
    int hostsTracked() {
        return hosts.size();
    }

    /** Callers refused so far because their host stayed busy until their deadline. */
    long refused() {
        return refused.sum();
    }
}
