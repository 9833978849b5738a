package io.burrow.mcp.server.http;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.launcher.Command;
import io.burrow.mcp.launcher.Invocation;
import io.burrow.mcp.launcher.Launcher;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * The HTTP launcher: {@code java -jar mcp-server-http.jar [http|stdio|tools|call|zim|…] [--setting value…]}.
 * With no command it serves MCP over Streamable HTTP at {@code /mcp} until SIGTERM or SIGINT, then shuts
 * down gracefully; {@code stdio} serves stdio instead (one image, both transports). Logs go to stderr.
 */
public final class Main {

    private Main() {
    }

    static Launcher launcher(Consumer<BurrowHttpServer> onStart) {
        return Launcher.builder("burrow-http", "Burrow: MCP server for Gopher, Gemini and ZIM archives, over "
                        + "Streamable HTTP at /mcp. Listens on 127.0.0.1:8080 by default; a non-loopback address needs "
                        + "--auth-token (or --insecure-no-auth).")
                .settingsGroup(HttpSettings.class)
                .command("http", () -> new Serve(onStart))
                .defaultCommand("http").build();
    }

    /** Starts the launcher; on SIGTERM the HTTP server drains requests in flight, then the process exits. */
    public static void main(String[] args) {
        CountDownLatch finished = new CountDownLatch(1);
        launcher(http -> Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close(); // drains requests in flight, then stops
            try {
                finished.await(10, TimeUnit.SECONDS); // let the command close the modules
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "burrow-http-shutdown"))).main(args);
    }

    /**
     * Runs the launcher in-process; returns the exit status. {@code http} returns once the server has been
     * closed (by {@code onStart}'s owner, or a shutdown hook it installed).
     *
     * @param onStart receives the running server (the launcher installs its SIGTERM hook here)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
            Map<String, String> systemProperties, Consumer<BurrowHttpServer> onStart) {
        return launcher(onStart).run(args, InputStream.nullInputStream(), out, err, env, systemProperties);
    }

    /** Serve MCP over Streamable HTTP (the default). */
    @CommandLine.Command(name = "http", mixinStandardHelpOptions = true,
            description = "Serve MCP over Streamable HTTP at /mcp (the default); /healthz and /readyz probes; with "
                    + "BURROW_METRICS_PORT, Prometheus metrics at /metrics on that port.")
    static final class Serve implements Command {
        private final Consumer<BurrowHttpServer> onStart;

        Serve(Consumer<BurrowHttpServer> onStart) {
            this.onStart = onStart;
        }

        @Override
        public int run(Invocation inv) throws InterruptedException {
            HttpSettings settings = inv.settings(HttpSettings.class);
            try (BurrowServer server = inv.newServer()) {
                BurrowHttpServer http;
                ManagementServer management = null;
                try {
                    http = BurrowHttpServer.start(server, settings);
                    try {
                        management = inv.metrics().map(ManagementServer::start).orElse(null);
                    } catch (HttpStartupException e) {
                        http.close();
                        throw e;
                    }
                } catch (HttpStartupException e) {
                    inv.err().println("Error: " + e.getMessage());
                    return Launcher.EXIT_USAGE;
                }
                try {
                    inv.err().println("Burrow MCP server listening on " + http.endpoint()
                            + (settings.stateless() ? " (2025-11-25 without sessions)" : "")
                            + (settings.authToken() != null ? " (bearer token required)" : "")
                            + (management != null ? "; metrics at " + management.uri() : ""));
                    inv.err().flush();
                    onStart.accept(http);
                    http.awaitClosed();
                    return 0;
                } finally {
                    if (management != null) {
                        management.close();
                    }
                }
            }
        }
    }
}
