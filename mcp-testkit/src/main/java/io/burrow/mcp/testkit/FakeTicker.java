package io.burrow.mcp.testkit;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for caches and rate limits that moves only when the test says so; give it to
 * {@code BurrowServer.builder().ticker(…)} to test expiry without sleeping:
 *
 * <pre>{@code
 * FakeTicker ticker = new FakeTicker();
 * BurrowServer server = BurrowServer.builder().module(new GopherModule()).ticker(ticker).build();
 * // … a call is cached …
 * ticker.advance(Duration.ofMinutes(6)); // past the cache TTL: the next call fetches again
 * }</pre>
 *
 * Thread-safe.
 */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long read() {
        return nanos.get();
    }

    /**
     * Moves the clock forward.
     *
     * @return this ticker
     * @throws IllegalArgumentException if {@code by} is negative
     */
    public FakeTicker advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a ticker only moves forward, not by " + by);
        }
        nanos.addAndGet(by.toNanos());
        return this;
    }
}
