package io.burrow.mcp.server.http.conformance;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.server.http.BurrowHttpServer;
import io.burrow.mcp.server.http.HttpSettings;
import io.burrow.mcp.launcher.Launcher;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the conformance fixture ({@link ConformanceModule}) on the production HTTP stack
 * ({@link BurrowHttpServer} with its default protections: loopback only, Host and Origin validation,
 * sanitised error bodies) until SIGTERM. {@code scripts/conformance.sh} starts it.
 *
 * <p>Usage: {@code ConformanceServer [port]} (default 0, any free port). Prints
 * {@code CONFORMANCE_URL=http://127.0.0.1:<port>/mcp} on stdout once listening. The suite cannot send
 * an {@code Authorization} header in server mode, so the fixture runs as the production defaults
 * allow on loopback: without a token.
 */
public final class ConformanceServer {

    private ConformanceServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Launcher.configureLogging(new String[0], Map.of("BURROW_LOG_LEVEL", System.getenv().getOrDefault("BURROW_LOG_LEVEL", "warn")));
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        BurrowServer burrow = BurrowServer.builder().name("burrow-conformance").module(new ConformanceModule()).build();
        BurrowHttpServer http = BurrowHttpServer.start(burrow, HttpSettings.builder().port(port)
                .shutdownGraceSeconds(5).build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            burrow.close();
        }, "conformance-shutdown"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("CONFORMANCE_URL=" + http.endpoint());
        http.awaitClosed();
    }
}
