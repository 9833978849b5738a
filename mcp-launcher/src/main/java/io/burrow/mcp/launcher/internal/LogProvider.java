package io.burrow.mcp.launcher.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * SLF4J's binding to logback for a launcher process ({@link Logging#bindProcess}): the same logger context, MDC and
 * markers as logback's own provider, configured by {@link Logging} directly. Logback's provider first runs its
 * automatic configuration (a search for configuration files and configurators, version checks, a status printer
 * with its date formats), which cost a launcher some 50 ms of a start-up of 0.8 s before its first log line, only to
 * reach {@link StderrConfigurator}. With {@code -Dlogback.configurationFile} that configuration runs as usual, and
 * its errors and warnings are printed to stderr (logback's provider prints them to stdout).
 */
public final class LogProvider implements SLF4JServiceProvider {

    private final LoggerContext context = new LoggerContext();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();

    @Override
    public void initialize() {
        context.setName("default");
        context.setMDCAdapter(mdc);
        if (System.getProperty("logback.configurationFile") == null) {
            Logging.configureDefault(context);
        } else {
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                System.err.println("logback configuration failed: " + e.getMessage());
            }
            StatusPrinter2 status = new StatusPrinter2(); // what the file's configuration reported, to stderr (logback
            status.setPrintStream(System.err);            // prints it to stdout, the JSON-RPC channel on stdio)
            status.printInCaseOfErrorsOrWarnings(context);
        }
        context.start();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return context;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
