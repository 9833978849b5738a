package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.net.ResolvedTarget;
import io.burrow.mcp.core.spi.Cancellation;
import io.opentelemetry.api.trace.Span;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLSocket;

/**
 * An open connection to a target that passed the host policy, made by {@link Upstream#open}. It holds
 * the backend's concurrency slot until closed, and it is closed for the caller (so a blocked connect,
 * handshake or read fails at once) when the deadline passes or the request is cancelled; then
 * {@link #failure} names the cause. Protocols may {@linkplain #layer layer} a TLS socket over it (and say
 * when its handshake is {@linkplain #secured done}, for the {@code tls} span).
 * A refused, reset or unreachable connection is tried again (the backend's {@code CONNECT_RETRIES}, with
 * exponential backoff and jitter) while the deadline leaves time for it; once connected, nothing is retried.
 * Not thread-safe apart from those closes; close it in a {@code try}-with-resources.
 */
public final class Connection implements AutoCloseable {

    private final ResolvedTarget target;
    private final Deadline deadline;
    private final Cancellation cancellation;
    private final ConcurrencyLimit.Permit permit;
    private final UpstreamCall call;
    private volatile Socket plain;
    private CountingSocket counted;
    private boolean connected;
    private volatile boolean ioError;
    private volatile boolean timeoutSeen;
    private Span tls;
    private Span read;
    private volatile Socket layer;
    private volatile boolean timedOut;
    private volatile boolean cancelled;
    private volatile boolean closed;
    private ScheduledFuture<?> watchdog;
    private Cancellation.Registration registration;

    private Connection(ResolvedTarget target, Deadline deadline, Cancellation cancellation,
            ConcurrencyLimit.Permit permit, UpstreamCall call) {
        this.target = target;
        this.deadline = deadline;
        this.cancellation = cancellation;
        this.permit = permit;
        this.call = call;
    }

    /** Connects to the first of the target's checked addresses that accepts, within the deadline. */
    static Connection open(ResolvedTarget target, Deadline deadline, Cancellation cancellation,
            ConcurrencyLimit.Permit permit, ScheduledExecutorService scheduler, UpstreamCall call) {
        Connection c = new Connection(target, deadline, cancellation, permit, call);
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
            Span span = call.telemetry.start("connect", call.host, call.port);
            try {
                c.connectWithRetries(span);
            } catch (RuntimeException e) {
                FetchTelemetry.end(span, e);
                throw e;
            }
            FetchTelemetry.end(span, null);
            c.connected = true;
            c.read = call.telemetry.start("read", call.host, call.port);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Runs the connect loop, and again after a refused, reset or unreachable connection (never after a
     * timeout: the loop gave the last address all the time left) while retries remain and the deadline leaves
     * room for the pause, pausing with exponential backoff and jitter.
     */
    private void connectWithRetries(Span span) {
        for (int attempt = 1; ; attempt++) {
            try {
                connect();
                if (span != null) {
                    span.setAttribute(FetchTelemetry.ATTEMPTS, attempt);
                    span.setAttribute(FetchTelemetry.PEER_ADDRESS, plain.getInetAddress().getHostAddress());
                }
                return;
            } catch (FetchException e) {
                if (!ErrorCodes.FETCH_ERROR.name().equals(e.code())) {
                    throw e; // a timeout (the loop gave the last address all the time left)
                }
                long pause = attempt > call.retries ? -1 : call.backoff.apply(attempt);
                if (pause < 0 || deadline.remaining().toMillis() <= pause) {
                    if (span != null) {
                        span.setAttribute(FetchTelemetry.ATTEMPTS, attempt);
                    }
                    throw e;
                }
                call.telemetry.retried();
                pause(pause);
            }
        }
    }

    /** Waits {@code millis}, ending early (and throwing) on a cancellation or at the deadline. */
    private void pause(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            throwIfOver();
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20)));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw cancelledException();
            }
        }
        throwIfOver();
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
            CountingSocket s = new CountingSocket();
            plain = s;
            counted = s;
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
            timeoutSeen = true;
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
        if (over instanceof SSLSocket && tls == null && read != null) {
            FetchTelemetry.end(read, null);
            read = null;
            tls = call.telemetry.start("tls", call.host, call.port);
        }
        if (closed || timedOut || cancelled) {
            closeQuietly(over);
        }
    }

    /** The TLS handshake of the {@linkplain #layer layered} socket is done: the exchange proper begins. */
    public void secured() {
        if (tls != null) {
            FetchTelemetry.end(tls, null);
            tls = null;
            read = call.telemetry.start("read", call.host, call.port);
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
            timeoutSeen = true;
            return deadline.timeout();
        }
        ioError = true;
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
        if (connected) {
            boolean over = timedOut || timeoutSeen;
            boolean gone = cancelled || cancellation.isCancelled();
            BurrowException cause = gone ? cancelledException() : over ? deadline.timeout()
                    : ioError ? new FetchException(ErrorCodes.FETCH_ERROR, "Connection lost") : null;
            long in = counted == null ? 0 : counted.received;
            long out = counted == null ? 0 : counted.sent;
            Span open = tls != null ? tls : read;
            if (open != null) {
                open.setAttribute(FetchTelemetry.RECEIVED, in).setAttribute(FetchTelemetry.SENT, out);
                FetchTelemetry.end(open, cause);
            }
            call.closed(over && !gone, gone, ioError, in, out);
        }
    }

    /** A plain socket counting the bytes through it (TLS records included: a layered socket reads through it). */
    private static final class CountingSocket extends Socket {
        private volatile long received;
        private volatile long sent;
        private InputStream input;
        private OutputStream output;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            received++;
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            received += n;
                        }
                        return n;
                    }
                };
            }
            return input;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        out.write(b);
                        sent++;
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                        sent += len;
                    }
                };
            }
            return output;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
