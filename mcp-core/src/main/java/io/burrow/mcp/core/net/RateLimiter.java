package io.burrow.mcp.core.net;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.RateLimitedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per key (a host, a client): {@code perMinute} requests a minute with bursts of up to
 * {@code burst}. A caller waits for its token when the wait fits in its {@link Deadline}, otherwise it
 * gets a {@link RateLimitedException} saying when to retry. {@link #penalize} pushes a key's next
 * token into the future (Gemini status 44, "slow down"). Thread-safe; idle keys are forgotten.
 */
public final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final Ticker ticker;
    private final Cache<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updatedAt;
        long blockedUntil;
    }

    private RateLimiter(int perMinute, int burst, Ticker ticker) {
        if (perMinute <= 0 || burst <= 0) {
            throw new IllegalArgumentException("perMinute and burst must be > 0");
        }
        this.perNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.burst = burst;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000)
                .ticker(ticker).build();
    }

    /** {@code perMinute} requests a minute per key, bursts of {@code burst}. */
    public static RateLimiter perMinute(int perMinute, int burst, Ticker ticker) {
        return new RateLimiter(perMinute, burst, ticker);
    }

    /** A limiter that never limits, except for {@linkplain #penalize penalties}. */
    public static RateLimiter unlimited(Ticker ticker) {
        return new RateLimiter(Integer.MAX_VALUE, Integer.MAX_VALUE, ticker);
    }

    /**
     * Takes a token for {@code key}, sleeping for it when the wait fits in the deadline.
     *
     * @throws RateLimitedException if the wait would pass the deadline
     */
    public void acquire(String key, Deadline deadline) {
        long wait = reserve(key, deadline.remaining().toNanos());
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RateLimitedException("Interrupted while waiting for the rate limit");
            }
        }
    }

    /**
     * Takes a token for {@code key} only if one is available now.
     *
     * @throws RateLimitedException if none is
     */
    public void tryAcquire(String key) {
        reserve(key, 0);
    }

    /** Refuses {@code key} until {@code duration} from now. */
    public void penalize(String key, Duration duration) {
        Bucket b = buckets.get(key, k -> newBucket());
        synchronized (b) {
            b.blockedUntil = Math.max(b.blockedUntil, ticker.read() + duration.toNanos());
        }
    }

    private Bucket newBucket() {
        Bucket b = new Bucket();
        b.tokens = burst;
        b.updatedAt = ticker.read();
        return b;
    }

    /** Reserves a token; returns nanos to wait (≤ maxWait) or throws. */
    private long reserve(String key, long maxWaitNanos) {
        Bucket b = buckets.get(key, k -> newBucket());
        synchronized (b) {
            long now = ticker.read();
            b.tokens = Math.min(burst, b.tokens + (now - b.updatedAt) * perNano);
            b.updatedAt = now;
            long wait = Math.max(0, b.blockedUntil - now);
            if (b.tokens < 1) {
                wait = Math.max(wait, (long) Math.ceil((1 - b.tokens) / perNano));
            }
            if (wait > maxWaitNanos) {
                long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
                RateLimitedException e = new RateLimitedException("Rate limit reached for " + key,
                        "Retry in " + seconds + " seconds.");
                e.withDetail("retry_after_seconds", seconds);
                throw e;
            }
            b.tokens -= 1; // may go negative: the next caller waits for the refill
            return wait;
        }
    }
}
