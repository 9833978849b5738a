package io.burrow.mcp.launcher;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.SettingsCatalog;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Optional;

/**
 * What a {@link Command} runs with: the process's streams (on stdio, {@code out} is the JSON-RPC
 * channel), the bound settings, and the server of the discovered modules.
 */
public interface Invocation {

    /** Standard input. */
    InputStream in();

    /** Standard output: command output, or JSON-RPC when serving stdio. Nothing else may write to it. */
    PrintStream out();

    /** Standard error: logs and messages for the user. */
    PrintStream err();

    /** Every setting's descriptor, for help and the configuration reference. */
    SettingsCatalog catalog();

    /** A bound, validated settings group (the core's, a module's, or the launcher's own). */
    <T extends Record> T settings(Class<T> group);

    /**
     * A new server of the discovered modules with the bound settings and the process's telemetry (metrics,
     * traces, log context; see {@link #metrics()}); the caller closes it.
     */
    BurrowServer newServer();

    /**
     * The metrics the servers record, when {@code BURROW_METRICS_PORT} is set: a serving command serves
     * them on the management port.
     */
    Optional<MetricsEndpoint> metrics();
}
