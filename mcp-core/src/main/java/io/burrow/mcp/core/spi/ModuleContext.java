package io.burrow.mcp.core.spi;

import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.core.net.NetworkRules;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;

/**
 * What the core hands a module: a deliberately narrow view, so that modules stay independent of one
 * another and of the transport.
 */
public interface ModuleContext {

    /** The bound, validated settings group (declared in {@link BurrowModule#settingsGroups()}). */
    <T extends Record> T settings(Class<T> group);

    /** Named Caffeine caches, configurable by the operator and reported by the {@code health} tool. */
    Caches caches();

    /** A host policy applying {@code rules} with the server's name resolver. */
    default HostPolicy hostPolicy(NetworkRules rules) {
        return HostPolicy.create(rules, resolver());
    }

    /** The name resolver (the JVM's, unless a test injected one). */
    NameResolver resolver();

    /** Wall-clock time (injectable for tests). */
    Clock clock();

    /** Monotonic time for caches and rate limits (injectable for tests). */
    Ticker ticker();

    /** A shared bounded pool for concurrent work such as batch fetches. */
    ExecutorService executor();

    /** A shared scheduler for periodic work such as watching directories. */
    ScheduledExecutorService scheduler();

    /** Notifications to connected clients. */
    ServerEvents events();

    /** A logger named after the module; it writes to stderr, never to stdout. */
    Logger logger();

    /** The module's name ({@link BurrowModule#name()}). */
    default String module() {
        return "module";
    }

    /**
     * Where the server records metrics and traces: modules add child spans of the request's span and meters of
     * their own (bounded attributes: never a host name or a client value). {@link Telemetry#NONE} by default.
     */
    default Telemetry telemetry() {
        return Telemetry.NONE;
    }
}
