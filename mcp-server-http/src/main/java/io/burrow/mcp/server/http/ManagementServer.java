package io.burrow.mcp.server.http;

import io.burrow.mcp.launcher.MetricsEndpoint;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP launcher's management port: a Jetty server of its own (its own few threads, so a saturated MCP
 * port cannot starve a scrape) serving {@code GET /metrics} and nothing else, without the MCP endpoint's
 * authentication, Host and Origin checks or limits. It listens on {@code BURROW_METRICS_HOST} (loopback by
 * default) and {@code BURROW_METRICS_PORT}.
 */
final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

    private final Server jetty;
    private final ServerConnector connector;

    private ManagementServer(Server jetty, ServerConnector connector) {
        this.jetty = jetty;
        this.connector = connector;
    }

    /**
     * Starts serving {@code metrics}.
     *
     * @throws HttpStartupException if the address cannot be listened on
     */
    static ManagementServer start(MetricsEndpoint metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(4, 1, 60_000);
        threads.setName("burrow-management");
        Server jetty = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(metrics.settings().host());
        connector.setPort(metrics.settings().port());
        connector.setIdleTimeout(30_000);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                serve(metrics, request, response, callback);
                return true;
            }
        });
        jetty.setStopTimeout(500);
        ManagementServer server = new ManagementServer(jetty, connector);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw new HttpStartupException("Cannot serve metrics on " + metrics.settings().host() + ":"
                    + metrics.settings().port() + ": " + (e.getMessage() == null ? "start-up failed" : e.getMessage()), e);
        }
        LOG.info("serving metrics at {}", server.uri());
        return server;
    }

    private static void serve(MetricsEndpoint metrics, Request rq, Response rs, Callback cb) throws Exception {
        String method = rq.getMethod();
        if (!MetricsEndpoint.PATH.equals(rq.getHttpURI().getPath())) {
            plain(rs, cb, 404, "Not found: metrics are at " + MetricsEndpoint.PATH);
        } else if (!"GET".equals(method) && !"HEAD".equals(method)) {
            rs.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            plain(rs, cb, 405, "Method not allowed");
        } else {
            ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
            String type = metrics.scrape(rq.getHeaders().get(HttpHeader.ACCEPT), body);
            rs.setStatus(200);
            rs.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            rs.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.size());
            rs.write(true, "HEAD".equals(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body.toByteArray()), cb);
        }
    }

    private static void plain(Response rs, Callback cb, int status, String text) {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        rs.setStatus(status);
        rs.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        rs.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        rs.write(true, ByteBuffer.wrap(body), cb);
    }

    /** The port listened on (the actual one when 0 was asked for). */
    int port() {
        return connector.getLocalPort();
    }

    /** Where metrics are served, such as {@code http://127.0.0.1:9090/metrics}. */
    URI uri() {
        String h = connector.getHost();
        try {
            if (InetAddress.getByName(h).isAnyLocalAddress()) {
                h = "127.0.0.1";
            }
        } catch (java.net.UnknownHostException e) {
            // keep the configured name
        }
        return URI.create("http://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":" + port()
                + MetricsEndpoint.PATH);
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.debug("stopping the management server failed", e);
        }
    }
}
