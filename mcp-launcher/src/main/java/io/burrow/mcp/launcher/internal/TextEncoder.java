package io.burrow.mcp.launcher.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.TimeZone;

/**
 * Text log lines, as slf4j-simple wrote them before and logback's pattern
 * {@code %d{HH:mm:ss.SSS} [%thread] %-5level %logger - %msg%n} would: local time, thread, level, logger, message,
 * then the stack trace of an exception. Written by hand rather than through logback's {@code PatternLayout}, whose
 * set-up (a pattern parser and some seventy converter lambdas spun at start-up) cost about a tenth of the
 * process's start.
 */
final class TextEncoder extends EncoderBase<ILoggingEvent> {

    private static final long DAY_MILLIS = 86_400_000L;

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(160);
        time(b, event.getTimeStamp(), TimeZone.getDefault());
        b.append(" [").append(event.getThreadName()).append("] ");
        String level = event.getLevel().toString();
        b.append(level);
        for (int i = level.length(); i < 5; i++) {
            b.append(' ');
        }
        b.append(' ').append(event.getLoggerName()).append(" - ").append(event.getFormattedMessage())
                .append(System.lineSeparator());
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            b.append(ThrowableProxyUtil.asString(thrown)); // each line ends with a line separator
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends {@code HH:mm:ss.SSS} of {@code millis} (since the epoch) in {@code zone}. */
    static void time(StringBuilder b, long millis, TimeZone zone) {
        long ms = Math.floorMod(millis + zone.getOffset(millis), DAY_MILLIS);
        two(b, ms / 3_600_000).append(':');
        two(b, ms / 60_000 % 60).append(':');
        two(b, ms / 1000 % 60).append('.');
        long frac = ms % 1000;
        b.append((char) ('0' + frac / 100)).append((char) ('0' + frac / 10 % 10)).append((char) ('0' + frac % 10));
    }

    private static StringBuilder two(StringBuilder b, long v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
