package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * One client on a connection-oriented transport such as stdio: every message in both directions shares
 * one channel. A client speaking 2025-11-25 opens a session on it with {@code initialize}; a client
 * speaking 2026-07-28 sends self-contained requests; both may share the connection. Request ids are
 * unique per connection, so {@code notifications/cancelled} finds its request.
 */
public final class Connection extends Scope implements AutoCloseable {

    private final Engine engine;
    private final Transport transport;
    private final Exchange exchange;
    private final MessageSink out;

    Connection(Engine engine, Transport transport, Client client, MessageSink out) {
        this.engine = engine;
        this.transport = transport;
        this.out = out;
        this.exchange = new Exchange() {
            @Override
            public Transport transport() {
                return transport;
            }

            @Override
            public Client client() {
                return client;
            }

            @Override
            public void send(JsonNode message) {
                out.write(message);
            }

            @Override
            public void reply(JsonNode message, Reply reply) {
                out.write(message);
            }

            @Override
            public void accepted() {
            }

            @Override
            public void abandon() {
            }
        };
        engine.register(this);
    }

    /** Handles one inbound message; answers arrive on the sink, possibly later and from other threads. */
    public void receive(JsonNode message) {
        engine.handle(message, exchange, this, null);
    }

    /** Answers an input line that is not a message at all (not JSON) with a parse error. */
    public void unreadable(String why) {
        out.write(Rpc.error(null, Rpc.PARSE_ERROR, "Parse error: " + why, null));
    }

    /**
     * Waits until every request read so far has been answered, at most {@code drain}.
     *
     * @return whether it got there
     */
    public boolean awaitIdle(Duration drain) throws InterruptedException {
        return awaitIdle(drain.toMillis());
    }

    /** Requests still being answered. */
    public int pending() {
        return inFlight();
    }

    @Override
    Transport transport() {
        return transport;
    }

    @Override
    void deliver(ObjectNode message) {
        out.write(message);
    }

    /** Ends the connection: requests still running are cancelled, subscriptions end. */
    @Override
    public void close() {
        engine.unregister(this);
        super.close();
    }
}
