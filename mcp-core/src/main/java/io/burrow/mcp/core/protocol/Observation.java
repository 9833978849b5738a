package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request as telemetry sees it: begun when it arrived, ended exactly once by whatever ends it (a
 * result, a JSON-RPC error, a cancellation); later ends are ignored. {@link #NONE} observes nothing.
 */
interface Observation {

    /** Observes nothing. */
    Observation NONE = new Observation() { };

    /** The protocol version the request is served under, once the engine knows it. */
    default void protocolVersion(String version) {
    }

    /** The request is refused for want of capacity ({@code overloaded}, {@code too_many_sessions}, …). */
    default void rejected(String reason) {
    }

    /** Makes the request's span current and its identity the MDC of this thread until closed. */
    default Entered enter() {
        return Entered.NONE;
    }

    /** The request was answered with {@code result}. */
    default void result(ObjectNode result) {
    }

    /** The request was answered with a JSON-RPC error. */
    default void error(RpcException e) {
    }

    /** The request ended without an answer (the client cancelled it or went away). */
    default void cancelled() {
    }

    /** The request's context on a thread; closing restores the thread. */
    interface Entered extends AutoCloseable {
        Entered NONE = () -> { };

        @Override
        void close();
    }
}
