package io.burrow.mcp.server.http;

import io.burrow.mcp.core.protocol.ThrottledLog;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits what a connection may hold without doing work: at most {@code perClient} open connections per
 * client address (more are closed at once), and at most {@code headerTimeout} spent outside a request,
 * which closes a connection trickling its request headers a byte at a time (each byte would reset an
 * idle timeout) as well as one idling between requests.
 */
final class ConnectionGuard implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
    private final ThrottledLog refused = new ThrottledLog(LOG, Duration.ofSeconds(10));

    /** What is known of one open connection. */
    static final class State {
        final String client;
        final AtomicInteger requests = new AtomicInteger();
        volatile long idleSinceNanos = System.nanoTime();

        State(String client) {
            this.client = client;
        }
    }

    private final int perClient;
    private final long headerTimeoutNanos;
    private final Map<Connection, State> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionGuard(int perClient, long headerTimeoutNanos) {
        this.perClient = perClient;
        this.headerTimeoutNanos = headerTimeoutNanos;
    }

    @Override
    public void onOpened(Connection connection) {
        String client = address(connection.getEndPoint().getRemoteSocketAddress());
        State state = new State(client);
        open.put(connection, state);
        int n = perAddress.computeIfAbsent(client, k -> new AtomicInteger()).incrementAndGet();
        if (n > perClient) {
            refused.warn("closed a connection from {}: it already has {} open (BURROW_HTTP_MAX_CONNECTIONS_PER_CLIENT)",
                    client, n - 1);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        State s = open.remove(connection);
        if (s != null) {
            perAddress.computeIfPresent(s.client, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        }
    }

    /** A request began on {@code connection}. */
    void begin(Connection connection) {
        State s = open.get(connection);
        if (s != null) {
            s.requests.incrementAndGet();
        }
    }

    /** A request ended on {@code connection}. */
    void end(Connection connection) {
        State s = open.get(connection);
        if (s != null && s.requests.decrementAndGet() <= 0) {
            s.idleSinceNanos = System.nanoTime();
        }
    }

    /** Closes connections that spent longer than the header timeout outside a request. */
    void sweep() {
        long now = System.nanoTime();
        open.forEach((connection, s) -> {
            if (s.requests.get() <= 0 && now - s.idleSinceNanos > headerTimeoutNanos) {
                LOG.debug("closing a connection from {} with no request for {} s", s.client,
                        (now - s.idleSinceNanos) / 1_000_000_000L);
                connection.getEndPoint().close();
            }
        });
    }

    int openConnections() {
        return open.size();
    }

    private static String address(SocketAddress a) {
        return a instanceof InetSocketAddress i && i.getAddress() != null ? i.getAddress().getHostAddress()
                : String.valueOf(a);
    }
}
