package io.burrow.mcp.launcher.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when nothing else configured it: text at info on stderr. Without it logback
 * would log everything at debug to stdout, which on stdio is the JSON-RPC channel. Found by logback's
 * service loader; a {@code -Dlogback.configurationFile} takes precedence.
 */
public final class StderrConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logging.configureDefault(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
