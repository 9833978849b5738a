package io.burrow.mcp.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import java.util.Optional;

/** One invocation of a tool: its validated arguments and the channels back to the client. */
public interface ToolCall {

    /** The tool's name. */
    String toolName();

    /** The arguments, already validated against the tool's input schema. */
    ObjectNode arguments();

    /** Typed access to {@link #arguments()}. */
    default Args args() {
        return new Args(arguments());
    }

    /** Whether the client asked for progress notifications. */
    boolean progressRequested();

    /**
     * Sends a progress notification if the client asked for them; otherwise does nothing.
     *
     * @param progress work done so far, increasing with each call
     * @param total total work, or {@code null} if unknown
     * @param message a short message, or {@code null}
     */
    void progress(double progress, Double total, String message);

    /** Sends a log message to the client (subject to the level it set); does nothing where unsupported. */
    void log(LogLevel level, String message);

    /**
     * Identifies the client for per-client limits: a hash of the HTTP credentials or session, or
     * {@code "stdio"} / {@code "local"}.
     */
    String clientId();

    /**
     * Whether the call came from a remote client (over HTTP) rather than a local one (stdio, in-process), for
     * limits that protect a shared server but would only hinder a user's own process.
     */
    default boolean remote() {
        return false;
    }

    /**
     * The SDK exchange, for features beyond this interface (sampling, elicitation). Empty on the
     * stateless transport and for in-process calls.
     */
    Optional<McpSyncServerExchange> exchange();

    /** Levels of client log messages. */
    enum LogLevel { DEBUG, INFO, NOTICE, WARNING, ERROR }
}
