package io.burrow.mcp.server.http;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.internal.ClientIds;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BurrowServer} served over MCP Streamable HTTP at {@code /mcp} on embedded Jetty, with the
 * protections a network service needs: bearer-token authentication, Host and Origin validation
 * against DNS rebinding, request size limits, sanitised error bodies, {@code /healthz} and
 * {@code /readyz} probes, and a graceful shutdown that lets requests in flight finish.
 *
 * <pre>{@code
 * try (BurrowServer burrow = BurrowServer.builder().discoverModules().build();
 *      BurrowHttpServer http = BurrowHttpServer.start(burrow, HttpSettings.defaults().withPort(0))) {
 *     URI endpoint = http.endpoint();   // http://127.0.0.1:<port>/mcp
 *     …
 * }
 * }</pre>
 *
 * <p>Listening on a non-loopback address requires an auth token unless
 * {@link HttpSettings#insecureNoAuth()} is set. With {@link HttpSettings#stateless()} the stateless
 * transport is served: no sessions, no server-to-client messages, and capabilities advertised
 * accordingly. The caller keeps ownership of the {@link BurrowServer}: {@link #close()} stops the
 * HTTP server only. Thread-safe.
 */
public final class BurrowHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BurrowHttpServer.class);

    /** The MCP endpoint path. */
    public static final String ENDPOINT = Gate.ENDPOINT;

    private final BurrowServer burrow;
    private final HttpSettings settings;
    private final Server jetty;
    private final ServerConnector connector;
    private final McpSyncServer stateful;
    private final McpStatelessSyncServer stateless;
    private final InFlight inFlight;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean ready;
    private volatile boolean draining;
    private boolean closing;

    private BurrowHttpServer(BurrowServer burrow, HttpSettings settings, Server jetty, ServerConnector connector,
            McpSyncServer stateful, McpStatelessSyncServer stateless, InFlight inFlight) {
        this.burrow = burrow;
        this.settings = settings;
        this.jetty = jetty;
        this.connector = connector;
        this.stateful = stateful;
        this.stateless = stateless;
        this.inFlight = inFlight;
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

        McpTransportContextExtractor<HttpServletRequest> context = request -> McpTransportContext.create(Map.of(
                ClientIds.KEY, AccessPolicy.clientId(request.getHeader("Authorization"), request.getRemoteAddr())));
        HttpServlet servlet;
        McpSyncServer stateful = null;
        McpStatelessSyncServer stateless = null;
        if (settings.stateless()) {
            HttpServletStatelessServerTransport transport = HttpServletStatelessServerTransport.builder()
                    .jsonMapper(BurrowServer.jsonMapper())
                    .messageEndpoint(ENDPOINT)
                    .contextExtractor(context)
                    .maxRequestSize(settings.maxRequestBytes())
                    .build();
            stateless = burrow.serve(transport);
            servlet = transport;
        } else {
            HttpServletStreamableServerTransportProvider.Builder b = HttpServletStreamableServerTransportProvider.builder()
                    .jsonMapper(BurrowServer.jsonMapper())
                    .mcpEndpoint(ENDPOINT)
                    .contextExtractor(context)
                    .maxRequestSize(settings.maxRequestBytes());
            if (settings.keepAliveSeconds() > 0) {
                b.keepAliveInterval(Duration.ofSeconds(settings.keepAliveSeconds()));
            }
            HttpServletStreamableServerTransportProvider transport = b.build();
            stateful = burrow.serve(transport);
            servlet = transport;
        }

        InFlight inFlight = new InFlight();
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
        jetty.addConnector(connector);

        BurrowHttpServer[] self = new BurrowHttpServer[1];
        Gate gate = new Gate(policy, inFlight, settings.maxRequestBytes(), settings.forwardedHeaders(),
                new Gate.Lifecycle() {
                    @Override
                    public boolean ready() {
                        return self[0] != null && self[0].ready;
                    }

                    @Override
                    public boolean draining() {
                        return self[0] != null && self[0].draining;
                    }
                });
        ServletContextHandler context0 = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context0.setContextPath("/");
        ServletHolder mcp = new ServletHolder("mcp", servlet);
        mcp.setAsyncSupported(true);
        context0.addServlet(mcp, ENDPOINT);
        context0.addServlet(new ServletHolder("not-found", new NotFound()), "/");
        FilterHolder gateHolder = new FilterHolder(gate);
        gateHolder.setAsyncSupported(true);
        context0.addFilter(gateHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
        context0.setErrorHandler(new JsonErrorHandler());
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setHandler(context0);
        jetty.setStopTimeout(500); // requests in flight were drained before; this only bounds closing idle connections
        jetty.setStopAtShutdown(false);

        BurrowHttpServer server = new BurrowHttpServer(burrow, settings, jetty, connector, stateful, stateless, inFlight);
        self[0] = server;
        try {
            jetty.start();
        } catch (Exception e) {
            server.stopQuietly();
            throw new HttpStartupException("Cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + (e instanceof IOException && e.getMessage() != null ? e.getMessage() : "start-up failed"), e);
        }
        server.ready = true;
        LOG.info("serving MCP at {} ({}, {})", server.endpoint(), settings.stateless() ? "stateless" : "stateful",
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

    /** Whether the stateless transport is served. */
    public boolean stateless() {
        return stateless != null;
    }

    /** Whether the server accepts new requests ({@code /readyz} answers 200). */
    public boolean ready() {
        return ready && !draining;
    }

    /** Requests currently being answered. */
    public int requestsInFlight() {
        return inFlight.count();
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
        try {
            int running = inFlight.count();
            if (running > 0) {
                LOG.info("shutting down: waiting up to {}s for {} request(s) in flight",
                        settings.shutdownGraceSeconds(), running);
            }
            if (!inFlight.awaitIdle(Duration.ofSeconds(settings.shutdownGraceSeconds()))) {
                LOG.warn("{} request(s) still running after the {}s grace period; stopping anyway",
                        inFlight.count(), settings.shutdownGraceSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopQuietly();
        LOG.info("HTTP server stopped");
        closed.countDown();
    }

    private void stopQuietly() {
        try {
            if (stateful != null) {
                stateful.closeGracefully();
                burrow.released(stateful);
            }
            if (stateless != null) {
                stateless.closeGracefully();
            }
        } catch (RuntimeException e) {
            LOG.debug("closing the MCP server failed", e);
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.debug("stopping Jetty failed", e);
        }
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

    /** Every path but the endpoint and the probes: 404 (the gate turns it into an envelope). */
    private static final class NotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
