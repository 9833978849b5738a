package io.burrow.mcp.launcher.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The process's logging on logback: every line to one stream (stderr: on stdio, stdout carries only
 * JSON-RPC), as text for people or as one JSON object per line for log pipelines ({@code BURROW_LOG_FORMAT}).
 * JSON lines carry {@code time} (ISO-8601, UTC), {@code level}, {@code logger}, {@code thread},
 * {@code message}, {@code stack_trace}, the request's MDC ({@code trace_id}, {@code span_id},
 * {@code request_id}, {@code mcp_method}, {@code tool}, {@code client_hash}) and SLF4J key-value pairs.
 */
public final class Logging {

    private static final String APPENDER = "burrow";

    private static volatile boolean ownedByProcess;
    /** What {@link #configure(LoggerContext, String, String, OutputStream)} applied last, to skip doing it again. */
    private static volatile Applied applied;

    /** (A class, not a record: a record's first {@code equals} links its bootstrap, tens of ms at start-up.) */
    private static final class Applied {
        final LoggerContext context;
        final String level;
        final String format;
        final OutputStream target;

        Applied(LoggerContext context, String level, String format, OutputStream target) {
            this.context = context;
            this.level = level;
            this.format = format;
            this.target = target;
        }

        boolean same(Applied o) {
            return o != null && o.context == context && o.level.equals(level) && o.format.equals(format)
                    && o.target == target;
        }
    }

    private Logging() {
    }

    /**
     * Sends every log line to {@code target} at {@code level} ({@code trace}…{@code error}) in
     * {@code format} ({@code text} or {@code json}), replacing what was configured before. Does nothing
     * if SLF4J is not bound to logback (an embedder's own binding).
     */
    public static void configure(String level, String format, OutputStream target) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            configure(context, level, format, target);
        }
    }

    private static synchronized void configure(LoggerContext context, String level, String format,
            OutputStream target) {
        Applied now = new Applied(context, level == null ? "info" : level.toLowerCase(Locale.ROOT),
                "json".equalsIgnoreCase(format) ? "json" : "text", target);
        if (now.same(applied) && context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(APPENDER) != null) {
            return; // a launcher configures at start, again from the command line, again from the settings
        }
        applied = now;
        context.reset();
        LevelChangePropagator jul = new LevelChangePropagator(); // levels set here apply to java.util.logging too
        jul.setContext(context);
        jul.setResetJUL(true);
        jul.start();
        context.addListener(jul);
        Encoder<ILoggingEvent> encoder = "json".equalsIgnoreCase(format) ? json(context) : text(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName(APPENDER);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(new NonClosingStream(target)); // stopping the appender closes its stream
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level == null ? "info" : level.toLowerCase(Locale.ROOT), Level.INFO));
        root.addAppender(appender);
        // chatty libraries: their warnings matter, their information does not
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("org.hibernate.validator").setLevel(Level.WARN);
        context.getLogger("io.opentelemetry").setLevel(Level.WARN);
    }

    /**
     * For a launcher's {@code main}, before anything logs: binds SLF4J through {@link LogProvider} (unless
     * {@code slf4j.provider} names another binding) and keeps SLF4J's own information lines (such as the one saying
     * which provider the property named) off stderr; its warnings still show.
     */
    public static void bindProcess() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", LogProvider.class.getName());
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
    }

    /** The default before the command line is read: text at info on stderr (see {@link StderrConfigurator}). */
    static void configureDefault(LoggerContext context) {
        configure(context, "info", "text", System.err);
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        TextEncoder e = new TextEncoder();
        e.setContext(context);
        return e;
    }

    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        LogstashEncoder e = new LogstashEncoder();
        e.setContext(context);
        LogstashFieldNames names = e.getFieldNames();
        names.setTimestamp("time");
        names.setVersion("[ignore]");
        names.setLevelValue("[ignore]");
        names.setLogger("logger");
        names.setThread("thread");
        e.setTimeZone("UTC");
        e.setIncludeKeyValuePairs(true);
        return e;
    }

    /**
     * For a launcher's {@code main}: configures logging from {@code BURROW_LOG_LEVEL} / {@code --burrow-log-level}
     * and {@code BURROW_LOG_FORMAT} / {@code --burrow-log-format}, to stderr, before anything else logs; the
     * bound settings (which may also come from a config file or system properties) apply once read.
     */
    public static void configureProcess(String[] args, Map<String, String> env) {
        ownedByProcess = true;
        // java.util.logging (the OpenTelemetry SDK logs with it) goes the same way, in the same format
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        configure(option(args, "--burrow-log-level", env.getOrDefault("BURROW_LOG_LEVEL", "info")),
                option(args, "--burrow-log-format", env.getOrDefault("BURROW_LOG_FORMAT", "text")), System.err);
    }

    /** After the settings were bound: applies their level and format, if the process owns its logging. */
    static void apply(String level, String format) {
        if (ownedByProcess) {
            configure(level, format, System.err);
        }
    }

    private static String option(String[] args, String flag, String fallback) {
        String value = fallback;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag) && i + 1 < args.length) {
                value = args[i + 1];
            } else if (args[i].startsWith(flag + "=")) {
                value = args[i].substring(flag.length() + 1);
            }
        }
        return value;
    }

    /** Leaves the target open when the appender stops (stderr must stay open). */
    private static final class NonClosingStream extends PrintStream {
        NonClosingStream(OutputStream target) {
            super(target, true);
        }

        @Override
        public void close() {
            flush();
        }
    }
}
