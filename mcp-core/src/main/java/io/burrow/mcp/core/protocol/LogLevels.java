package io.burrow.mcp.core.protocol;

import io.burrow.mcp.core.spi.RequestContext;
import java.util.Locale;

/** The syslog levels of MCP logging, in order of severity. */
final class LogLevels {

    enum Level { DEBUG, INFO, NOTICE, WARNING, ERROR, CRITICAL, ALERT, EMERGENCY }

    private LogLevels() {
    }

    /** The level of a wire name, or {@code null} if unknown. */
    static Level parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Level.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Level of(RequestContext.LogLevel level) {
        return Level.valueOf(level.name());
    }

    static String wire(Level level) {
        return level.name().toLowerCase(Locale.ROOT);
    }
}
