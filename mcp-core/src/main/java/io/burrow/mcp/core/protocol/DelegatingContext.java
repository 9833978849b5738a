package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.ClientRequest;
import io.burrow.mcp.core.spi.RequestContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A request's channels as a module sees them in a call, all passed to the request's own context. */
interface DelegatingContext extends RequestContext {

    /** The request's context. */
    RequestContext context();

    @Override
    default boolean progressRequested() {
        return context().progressRequested();
    }

    @Override
    default void progress(double progress, Double total, String message) {
        context().progress(progress, total, message);
    }

    @Override
    default void log(LogLevel level, String message) {
        context().log(level, message);
    }

    @Override
    default String clientId() {
        return context().clientId();
    }

    @Override
    default Optional<String> clientName() {
        return context().clientName();
    }

    @Override
    default boolean remote() {
        return context().remote();
    }

    @Override
    default boolean clientSupports(String capability) {
        return context().clientSupports(capability);
    }

    @Override
    default Cancellation cancellation() {
        return context().cancellation();
    }

    @Override
    default Deadline deadline() {
        return context().deadline();
    }

    @Override
    default Map<String, ObjectNode> askAll(List<ClientRequest> requests) {
        return context().askAll(requests);
    }
}
