package io.burrow.mcp.server.http;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.protocol.HttpEndpoint;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BurrowServer} served over MCP Streamable HTTP at {@code /mcp} on embedded Jetty, for clients
 * of both protocol generations (2025-11-25 sessions and 2026-07-28 sessionless requests), with the
 * protections a network service needs: bearer-token authentication, Host and Origin validation against
 * DNS rebinding, request size limits and deadlines, connection caps, a session cap and idle timeout,
 * {@code /healthz} and {@code /readyz} probes that answer whatever the load, and a graceful shutdown
 * that lets requests in flight finish.
 *
 * <pre>{@code
 * try (BurrowServer burrow = BurrowServer.builder().discoverModules().build();
 *      BurrowHttpServer http = BurrowHttpServer.start(burrow, HttpSettings.builder().port(0).build())) {
 *     URI endpoint = http.endpoint();   // http://127.0.0.1:<port>/mcp
 *     …
 * }
 * }</pre>
 *
 * <p>Listening on a non-loopback address requires an auth token unless
 * {@link HttpSettings#insecureNoAuth()} is set. No thread is held while a client sends its request or
 * waits for its answer: bodies are read asynchronously and answers written from the server's own
 * workers. The caller keeps ownership of the {@link BurrowServer}: {@link #close()} stops the HTTP
 * server only. Thread-safe.
 */
public final class BurrowHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BurrowHttpServer.class);

    /** The MCP endpoint path. */
    public static final String ENDPOINT = McpHandler.ENDPOINT;

    /** The listen queue holds at least this many connections not yet accepted (the JDK's default is 50). */
    static final int ACCEPT_QUEUE_MIN = 1024;

    private final HttpSettings settings;
    private final Server jetty;
    private final ServerConnector connector;
    private final HttpEndpoint endpoint;
    private final ScheduledExecutorService timer;
    private McpHandler handler;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean ready;
    private volatile boolean draining;
    private boolean closing;

    private BurrowHttpServer(HttpSettings settings, Server jetty, ServerConnector connector, HttpEndpoint endpoint,
            ScheduledExecutorService timer) {
        this.settings = settings;
        this.jetty = jetty;
        this.connector = connector;
        this.endpoint = endpoint;
        this.timer = timer;
    }

    /**
     * Starts serving {@code burrow} over HTTP.
     *
     * @throws HttpStartupException if the configuration is unsafe (a non-loopback address without a
     *     token and without {@code insecureNoAuth}), an allowlist entry is malformed, or the address
     *     cannot be listened on
     */
    public static BurrowHttpServer start(BurrowServer burrow, HttpSettings settings) {
        Objects.requireNonNull(burrow, "burrow");
        Objects.requireNonNull(settings, "settings");
        if (settings.port() < 0 || settings.port() > 65535) {
            throw new HttpStartupException("Port must be between 0 and 65535, was " + settings.port());
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(settings.host());
        } catch (UnknownHostException e) {
            throw new HttpStartupException("Cannot resolve the listen address '" + settings.host() + "'");
        }
        boolean wildcard = addresses.length == 1 && addresses[0].isAnyLocalAddress();
        boolean loopback = java.util.Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        if (!loopback && settings.authToken() == null && !settings.insecureNoAuth()) {
            throw new HttpStartupException("Refusing to listen on " + settings.host() + " without authentication: "
                    + "anyone who can reach it could use the server. Set an auth token (BURROW_AUTH_TOKEN or "
                    + "--auth-token), or listen on 127.0.0.1 (--host 127.0.0.1), or pass --insecure-no-auth "
                    + "if the network is trusted.");
        }
        if (!loopback && settings.authToken() == null) {
            LOG.warn("listening on {} WITHOUT authentication (--insecure-no-auth)", settings.host());
        }
        AccessPolicy policy;
        try {
            policy = AccessPolicy.of(settings, settings.host(), wildcard);
        } catch (IllegalArgumentException e) {
            throw new HttpStartupException("Invalid allowlist entry: " + e.getMessage());
        }

        QueuedThreadPool threads = new QueuedThreadPool(200, 4, 60_000);
        threads.setName("burrow-http");
        Server jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setSendXPoweredBy(false);
        if (settings.forwardedHeaders()) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(TimeUnit.SECONDS.toMillis(settings.idleTimeoutSeconds()));
        // a burst of connections waits in the kernel's queue for the acceptor instead of overflowing it: an
        // overflow drops SYNs, and every client then waiting (a health probe too) retries only after a second
        connector.setAcceptQueueSize(Math.max(ACCEPT_QUEUE_MIN, settings.maxConnections()));
        ConnectionGuard guard = new ConnectionGuard(settings.maxConnectionsPerClient(),
                TimeUnit.SECONDS.toNanos(settings.headerTimeoutSeconds()));
        connector.addEventListener(guard);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "burrow-http-timer");
            t.setDaemon(true);
            return t;
        });
        HttpEndpoint endpoint = burrow.endpoint().http(settings.stateless(), settings.maxSessions(),
                Duration.ofSeconds(settings.sessionIdleSeconds()));
        BurrowHttpServer server = new BurrowHttpServer(settings, jetty, connector, endpoint, timer);
        McpHandler handler = new McpHandler(endpoint, policy, settings, new McpHandler.Lifecycle() {
            @Override
            public boolean ready() {
                return server.ready;
            }

            @Override
            public boolean draining() {
                return server.draining;
            }

            @Override
            public Map<String, String> notReady() {
                return burrow.notReady();
            }
        }, guard, timer);
        server.handler = handler;
        jetty.setHandler(handler);
        if (settings.accessLog()) {
            jetty.setRequestLog(new AccessLog());
        }
        burrow.telemetry().meterRegistry().ifPresent(meters -> {
            new JettyServerThreadPoolMetrics(threads, Tags.empty()).bindTo(meters);
            Gauge.builder("burrow.http.sessions", endpoint, HttpEndpoint::sessions)
                    .description("2025-11-25 sessions open on the HTTP endpoint").register(meters);
            Gauge.builder("burrow.http.requests.active", handler, McpHandler::inFlight)
                    .description("HTTP requests being answered (open subscription streams aside)").register(meters);
        });
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopTimeout(500); // requests in flight were drained before; this only bounds closing idle connections
        jetty.setStopAtShutdown(false);
        try {
            jetty.start();
        } catch (Exception e) {
            server.stopQuietly();
            throw new HttpStartupException("Cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e instanceof java.io.IOException && e.getMessage() != null ? e.getMessage() : "start-up failed"), e);
        }
        timer.scheduleWithFixedDelay(() -> {
            try {
                handler.heartbeat();
                guard.sweep();
            } catch (RuntimeException e) {
                LOG.warn("the HTTP housekeeping task failed", e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        server.ready = true;
        LOG.info("serving MCP at {} ({}, {})", server.endpoint(),
                settings.stateless() ? "2025-11-25 without sessions" : "2025-11-25 sessions",
                settings.authToken() != null ? "bearer token required" : "no authentication");
        return server;
    }

    /** The port listened on (the actual one when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The address listened on, as configured. */
    public String host() {
        return settings.host();
    }

    /**
     * The MCP endpoint, for example {@code http://127.0.0.1:8080/mcp}; a wildcard listen address is
     * shown as {@code 127.0.0.1}.
     */
    public URI endpoint() {
        String h = settings.host();
        try {
            InetAddress a = InetAddress.getByName(h);
            if (a.isAnyLocalAddress()) {
                h = "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            // keep the configured name
        }
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return URI.create("http://" + h + ":" + port() + ENDPOINT);
    }

    /** Whether 2025-11-25 clients are served without sessions. */
    public boolean stateless() {
        return settings.stateless();
    }

    /** Whether the server accepts new requests ({@code /readyz} answers 200). */
    public boolean ready() {
        return ready && !draining;
    }

    /** Requests currently being answered (open subscription streams aside). */
    public int requestsInFlight() {
        return handler == null ? 0 : handler.inFlight();
    }

    /** 2025-11-25 sessions open now. */
    public int sessions() {
        return endpoint.sessions();
    }

    /**
     * Shuts down gracefully: {@code /readyz} turns 503 and new requests are refused with 503, requests
     * in flight get up to {@link HttpSettings#shutdownGraceSeconds()} to finish, then sessions are
     * closed and Jetty stops. Idempotent; later calls wait for the first to finish. Does not close the
     * {@link BurrowServer}.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                awaitQuietly();
                return;
            }
            closing = true;
        }
        draining = true;
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.shutdownGraceSeconds());
        int running = requestsInFlight();
        if (running > 0) {
            LOG.info("shutting down: waiting up to {}s for {} request(s) in flight", settings.shutdownGraceSeconds(),
                    running);
        }
        try {
            while (requestsInFlight() > 0 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (requestsInFlight() > 0) {
            LOG.warn("{} request(s) still running after the {}s grace period; stopping anyway", requestsInFlight(),
                    settings.shutdownGraceSeconds());
        }
        stopQuietly();
        LOG.info("HTTP server stopped");
        closed.countDown();
    }

    private void stopQuietly() {
        try {
            endpoint.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the sessions failed", e);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.debug("stopping Jetty failed", e);
        }
        timer.shutdownNow();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    private void awaitQuietly() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
