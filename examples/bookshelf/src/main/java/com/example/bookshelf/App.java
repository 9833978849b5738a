package com.example.bookshelf;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.server.http.BurrowHttpServer;
import io.burrow.mcp.server.http.HttpSettings;

/**
 * The application: the bookshelf module plus every Burrow module on the class path (here Gopher), served over
 * Streamable HTTP on 127.0.0.1. Settings come from the environment and system properties, as Burrow's own
 * launchers read them ({@code GOPHER_TIMEOUT_SECONDS}, …).
 */
public final class App implements AutoCloseable {

    private final BurrowServer server;
    private final BurrowHttpServer http;

    private App(BurrowServer server, BurrowHttpServer http) {
        this.server = server;
        this.http = http;
    }

    /** Starts the application on {@code port} (0 picks a free one) with these settings. */
    public static App start(int port, ConfigSources settings) {
        BurrowServer server = BurrowServer.builder().name("bookshelf").discoverModules().configSources(settings).build();
        try {
            return new App(server, BurrowHttpServer.start(server, HttpSettings.builder().host("127.0.0.1").port(port).build()));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The MCP endpoint, such as {@code http://127.0.0.1:8080/mcp}. */
    public java.net.URI endpoint() {
        return http.endpoint();
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }

    public static void main(String[] args) throws InterruptedException {
        App app = start(8080, ConfigSources.fromProcess());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        System.err.println("Bookshelf MCP server at " + app.endpoint());
        Thread.currentThread().join();
    }
}
