package io.burrow.mcp.core.net;

import io.burrow.mcp.core.FetchException;
import java.time.Duration;

/**
 * One point in time by which a whole operation (resolve, connect, handshake, send, read) must finish.
 * Every blocking step derives its own timeout from {@link #remainingMillis()}, so the total never
 * exceeds the budget.
 *
 * @param expiresAtNanos the {@link System#nanoTime()} value at which the deadline passes
 * @param budget the original budget, for messages
 */
public record Deadline(long expiresAtNanos, Duration budget) {

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /**
     * Whichever of this deadline and {@code other} passes first ({@code this} when {@code other} is
     * {@code null}); its budget names the timeout in messages.
     */
    public Deadline earliest(Deadline other) {
        return other == null || expiresAtNanos - other.expiresAtNanos <= 0 ? this : other;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
    }

    /** Whether the deadline has passed. */
    public boolean expired() {
        return expiresAtNanos - System.nanoTime() <= 0;
    }

    /**
     * Milliseconds left as a socket timeout (at least 1, since 0 means "forever" to sockets).
     *
     * @throws FetchException with code {@code TIMEOUT} if the deadline has passed
     */
    public int remainingMillis() {
        long nanos = expiresAtNanos - System.nanoTime();
        if (nanos <= 0) {
            throw timeout();
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(nanos).toMillis()));
    }

    /** The exception to throw when this deadline passes. */
    public FetchException timeout() {
        return FetchException.timeout("Request timed out after " + formatBudget());
    }

    private String formatBudget() {
        long ms = budget.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " seconds" : ms + " ms";
    }
}
