package io.burrow.mcp.launcher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class TextEncoderTest {

    private final LoggerContext context = new LoggerContext();

    private String encode(Level level, String message, Throwable thrown) {
        LoggingEvent e = new LoggingEvent("fqcn", context.getLogger("io.burrow.X"), level, message, thrown, null);
        e.setThreadName("main");
        TextEncoder encoder = new TextEncoder();
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(e), StandardCharsets.UTF_8);
    }

    @Test
    void aLine_hasTimeThreadPaddedLevelLoggerAndMessage() {
        String line = encode(Level.INFO, "serving 1 archive", null);
        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main\\] INFO  io\\.burrow\\.X - serving 1 archive"
                + System.lineSeparator());
        assertThat(encode(Level.ERROR, "x", null)).contains(" ERROR io.burrow.X - x");
    }

    @Test
    void anException_followsWithItsStackTrace() {
        String line = encode(Level.WARN, "failed", new IllegalStateException("boom", new RuntimeException("root")));
        assertThat(line).contains("WARN  io.burrow.X - failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat ");
        assertThat(line).contains("Caused by: java.lang.RuntimeException: root").endsWith(System.lineSeparator());
    }

    @Test
    void theTime_isTheZonesTimeOfDay_toTheMillisecond() {
        StringBuilder b = new StringBuilder();
        TextEncoder.time(b, 1_796_309_829_929L, TimeZone.getTimeZone("UTC")); // 2026-12-03T14:57:09.929Z
        assertThat(b).hasToString("14:57:09.929");
        b.setLength(0);
        TextEncoder.time(b, 1_796_309_829_929L, TimeZone.getTimeZone("GMT+10:30"));
        assertThat(b).hasToString("01:27:09.929");
        b.setLength(0);
        TextEncoder.time(b, 5L, TimeZone.getTimeZone("GMT-01:00"));
        assertThat(b).hasToString("23:00:00.005");
    }
}
