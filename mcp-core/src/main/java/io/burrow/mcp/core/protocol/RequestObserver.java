package io.burrow.mcp.core.protocol;

/** Hears of every request the engine answered (for metrics and traces). */
interface RequestObserver {

    /** Observes nothing. */
    RequestObserver NONE = (request, error) -> { };

    /**
     * A request was answered.
     *
     * @param request the request
     * @param error the JSON-RPC error it was answered with, or {@code null} for a result
     */
    void completed(Running request, RpcException error);
}
