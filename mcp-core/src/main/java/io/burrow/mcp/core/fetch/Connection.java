package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.ResolvedTarget;
import io.burrow.mcp.core.spi.Cancellation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An open connection to a target that passed the host policy, made by {@link Upstream#open}. It holds
 * the backend's concurrency slot until closed, and it is closed for the caller (so a blocked connect,
 * handshake or read fails at once) when the deadline passes or the request is cancelled; then
 * {@link #failure} names the cause. Protocols may {@linkplain #layer layer} a TLS socket over it.
 * Not thread-safe apart from those closes; close it in a {@code try}-with-resources.
 */
public final class Connection implements AutoCloseable {

    private final ResolvedTarget target;
    private final Deadline deadline;
    private final Cancellation cancellation;
    private final ConcurrencyLimit.Permit permit;
    private volatile Socket plain;
    private volatile Socket layer;
    private volatile boolean timedOut;
    private volatile boolean cancelled;
    private volatile boolean closed;
    private ScheduledFuture<?> watchdog;
    private Cancellation.Registration registration;

    private Connection(ResolvedTarget target, Deadline deadline, Cancellation cancellation,
            ConcurrencyLimit.Permit permit) {
        this.target = target;
        this.deadline = deadline;
        this.cancellation = cancellation;
        this.permit = permit;
    }

    /** Connects to the first of the target's checked addresses that accepts, within the deadline. */
    static Connection open(ResolvedTarget target, Deadline deadline, Cancellation cancellation,
            ConcurrencyLimit.Permit permit, ScheduledExecutorService scheduler) {
        Connection c = new Connection(target, deadline, cancellation, permit);
        try {
            c.registration = cancellation.onCancel(() -> {
                c.cancelled = true;
                c.closeSockets();
            });
            try {
                c.watchdog = scheduler.schedule(() -> {
                    c.timedOut = true;
                    c.closeSockets();
                }, deadline.remaining().toMillis() + 1, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // the server is shutting down: the per-read timeouts still bound the exchange
            }
            c.connect();
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The connect loop: tries each checked address in turn (never the name again), giving each but
     * the last an equal share of the time left so that one unresponsive address does not use up the
     * whole deadline.
     */
    private void connect() {
        List<InetSocketAddress> addresses = target.socketAddresses();
        IOException last = null;
        for (int i = 0; i < addresses.size(); i++) {
            throwIfOver();
            int remaining = deadline.remainingMillis();
            int left = addresses.size() - i;
            int attempt = left == 1 ? remaining : Math.max(1, remaining / left);
            Socket s = new Socket();
            plain = s;
            if (cancelled || timedOut) {
                closeQuietly(s);
                throwIfOver();
            }
            try {
                s.setTcpNoDelay(true);
                s.connect(addresses.get(i), attempt);
                throwIfOver(); // closed by a cancellation just as it connected
                return;
            } catch (IOException e) {
                closeQuietly(s);
                throwIfOver();
                last = e;
            }
        }
        if (last instanceof SocketTimeoutException) {
            throw deadline.timeout();
        }
        throw new FetchException(ErrorCodes.FETCH_ERROR, "Connection failed: " + reason(last), last);
    }

    /**
     * Throws if the deadline has passed or the request was cancelled. Call it on an end of stream too: the
     * connection may have been closed under the read for either, and then the end is not the server's.
     *
     * @throws BurrowException {@code CANCELLED} or {@code TIMEOUT}
     */
    public void throwIfOver() {
        if (cancelled || cancellation.isCancelled()) {
            throw cancelledException();
        }
        if (timedOut || deadline.expired()) {
            throw deadline.timeout();
        }
    }

    private static String reason(IOException last) {
        if (last instanceof ConnectException) {
            return "connection refused";
        }
        if (last instanceof NoRouteToHostException) {
            return "no route to host";
        }
        return last != null && String.valueOf(last.getMessage()).toLowerCase(Locale.ROOT).contains("reset")
                ? "connection reset" : "network error";
    }

    /** The target, with the addresses the host policy checked. */
    public ResolvedTarget target() {
        return target;
    }

    /** The deadline of this fetch. */
    public Deadline deadline() {
        return deadline;
    }

    /** The socket to talk on: the layered one if any, else the plain connection. */
    public Socket socket() {
        Socket l = layer;
        return l != null ? l : plain;
    }

    /**
     * Puts a socket (TLS) over the plain connection; it is closed with the connection, and on timeout or
     * cancellation.
     */
    public void layer(Socket over) {
        layer = over;
        if (closed || timedOut || cancelled) {
            closeQuietly(over);
        }
    }

    /**
     * Sets the socket's read timeout to the time left before a blocking step.
     *
     * @throws BurrowException {@code TIMEOUT} if the deadline passed, {@code CANCELLED} if the request was
     *     cancelled
     */
    public void beforeBlocking() throws IOException {
        throwIfOver();
        socket().setSoTimeout(deadline.remainingMillis());
    }

    /**
     * What an I/O failure means: {@code CANCELLED} if the request was cancelled, {@code TIMEOUT} if the
     * deadline passed (or a read timed out), otherwise {@code null} and the protocol names the failure.
     */
    public BurrowException failure(IOException e) {
        if (cancelled || cancellation.isCancelled()) {
            return cancelledException();
        }
        if (timedOut || deadline.expired() || e instanceof SocketTimeoutException) {
            return deadline.timeout();
        }
        return null;
    }

    private static BurrowException cancelledException() {
        return new BurrowException(ErrorCodes.CANCELLED, "The request was cancelled");
    }

    private void closeSockets() {
        Socket l = layer;
        if (l != null) {
            closeQuietly(l);
        }
        Socket p = plain;
        if (p != null) {
            closeQuietly(p);
        }
    }

    /** Closes the sockets and frees the concurrency slot. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        if (registration != null) {
            registration.close();
        }
        closeSockets();
        permit.close();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
