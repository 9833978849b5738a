package io.burrow.mcp.launcher.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.burrow.mcp.launcher.MetricsEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management port of the stdio launcher, on the JDK's HTTP server (the stdio jar has no Jetty):
 * {@code GET /metrics}, nothing else, no authentication, one thread of its own.
 */
public final class JdkMetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdkMetricsServer.class);

    private final HttpServer server;
    private final ExecutorService thread;

    private JdkMetricsServer(HttpServer server, ExecutorService thread) {
        this.server = server;
        this.thread = thread;
    }

    /**
     * Listens on the endpoint's host and port.
     *
     * @throws IOException if it cannot
     */
    public static JdkMetricsServer start(MetricsEndpoint metrics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(metrics.settings().host(), metrics.settings().port()),
                16);
        server.createContext("/", exchange -> answer(exchange, metrics));
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "burrow-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(thread);
        server.start();
        JdkMetricsServer s = new JdkMetricsServer(server, thread);
        LOG.info("serving metrics at {}", s.uri());
        return s;
    }

    private static void answer(HttpExchange exchange, MetricsEndpoint metrics) throws IOException {
        try {
            if (!MetricsEndpoint.PATH.equals(exchange.getRequestURI().getPath())) {
                plain(exchange, 404, "Not found: metrics are at " + MetricsEndpoint.PATH);
            } else if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                plain(exchange, 405, "Method not allowed");
            } else {
                ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
                String type = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"), body);
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                boolean head = "HEAD".equals(exchange.getRequestMethod());
                exchange.sendResponseHeaders(200, head ? -1 : body.size());
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        body.writeTo(out);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("a metrics scrape failed", e);
        } finally {
            exchange.close();
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Where metrics are served, such as {@code http://127.0.0.1:9090/metrics}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort()
                + MetricsEndpoint.PATH);
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
