package io.burrow.mcp.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a client may keep a listing or a resource it read before asking again, and whether a shared
 * cache (a gateway) may serve it to other users. Sent as {@code ttlMs} and {@code cacheScope} under
 * protocol 2026-07-28; a freshness hint, not a promise.
 *
 * @param ttl how long the answer stays fresh; zero for "ask again every time"
 * @param shared whether the answer is the same for every user ({@code public}) rather than {@code private}
 */
public record CacheHint(Duration ttl, boolean shared) {

    /** Stale at once, private: the safe default. */
    public static final CacheHint NONE = new CacheHint(Duration.ZERO, false);

    public CacheHint {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
    }

    /** Fresh for {@code ttl}, the same for every user. */
    public static CacheHint shared(Duration ttl) {
        return new CacheHint(ttl, true);
    }

    /** Fresh for {@code ttl}, for this user only. */
    public static CacheHint personal(Duration ttl) {
        return new CacheHint(ttl, false);
    }
}
