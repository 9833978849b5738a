package io.burrow.mcp.core.protocol;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * For transports: a warning that a client can cause at will (a refused connection, a body too slow, a
 * session beyond the cap), logged at most once per interval, the next one saying how many were left
 * out, so that an attacker cannot flood the log. Thread-safe.
 */
public final class ThrottledLog {

    private final BiConsumer<String, Object[]> sink;
    private final long intervalNanos;
    private final LongSupplier nanos;
    private final AtomicLong next;
    private final AtomicLong skipped = new AtomicLong();

    /** Warnings to {@code log}, at most one per {@code interval}. */
    public ThrottledLog(Logger log, Duration interval) {
        this(log::warn, interval, System::nanoTime);
    }

    ThrottledLog(BiConsumer<String, Object[]> sink, Duration interval, LongSupplier nanos) {
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
        this.nanos = nanos;
        this.next = new AtomicLong(nanos.getAsLong());
    }

    /** Logs the warning (an SLF4J format and its arguments) unless one was logged less than the interval ago. */
    public void warn(String format, Object... args) {
        long now = nanos.getAsLong();
        long due = next.get();
        if (now - due < 0 || !next.compareAndSet(due, now + intervalNanos)) {
            skipped.incrementAndGet();
            return;
        }
        long left = skipped.getAndSet(0);
        if (left == 0) {
            sink.accept(format, args);
        } else {
            Object[] all = Arrays.copyOf(args, args.length + 1);
            all[args.length] = left;
            sink.accept(format + " ({} more like it not logged since the last one)", all);
        }
    }
}
