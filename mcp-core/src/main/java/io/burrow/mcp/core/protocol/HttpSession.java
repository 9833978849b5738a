package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A 2025-11-25 Streamable HTTP session: its id, its client, when it was last used (a request arrived or
 * ended, its stream closed), its GET stream.
 */
final class HttpSession extends Scope {

    final String id;
    final String clientId;
    volatile long lastSeenNanos = System.nanoTime();
    private volatile Exchange stream;

    HttpSession(String id, String clientId) {
        this.id = id;
        this.clientId = clientId;
    }

    void touch() {
        lastSeenNanos = System.nanoTime();
    }

    /** Makes {@code exchange} the session's stream for messages that belong to no request; ends an older one. */
    void stream(Exchange exchange) {
        Exchange old = stream;
        stream = exchange;
        if (old != null) {
            old.abandon();
        }
        exchange.onClose(() -> {
            if (stream == exchange) {
                stream = null;
            }
            touch(); // idle from now, not from when the stream opened
        });
    }

    @Override
    void untrack(String id, Running running) {
        super.untrack(id, running);
        touch(); // idle from the end of its last request, not from its start
    }

    boolean hasStream() {
        return stream != null;
    }

    @Override
    Transport transport() {
        return Transport.HTTP;
    }

    @Override
    void deliver(ObjectNode message) {
        Exchange s = stream;
        if (s != null) {
            s.send(message);
        }
    }

    @Override
    void close() {
        super.close();
        Exchange s = stream;
        stream = null;
        if (s != null) {
            s.abandon();
        }
    }
}
