package io.burrow.mcp.server.http;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.server.stdio.ConfigDoc;
import io.burrow.mcp.server.stdio.Launch;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The HTTP launcher: {@code java -jar mcp-server-http.jar [serve|config-doc] [--host …] [--port …] [--setting value…]}.
 * With no command it serves MCP over Streamable HTTP at {@code /mcp} until SIGTERM or SIGINT, then
 * shuts down gracefully. Logs go to stderr.
 */
public final class Main {

    private Main() {
    }

    /** The root command: shared options and the command list. */
    @Command(name = "burrow-http", mixinStandardHelpOptions = true, versionProvider = io.burrow.mcp.server.stdio.Main.Version.class,
            description = "Burrow: MCP server for Gopher, Gemini and ZIM archives, over Streamable HTTP at /mcp.%n"
                    + "With no command, serves until SIGTERM. Listens on 127.0.0.1:8080 by default; a non-loopback "
                    + "address needs --auth-token (or --insecure-no-auth).")
    static final class Root {
        @Option(names = "--config", paramLabel = "<file>", scope = CommandLine.ScopeType.INHERIT,
                description = "Settings file (Java properties; keys are setting keys or environment variable names). "
                        + "[env BURROW_CONFIG]")
        String config;
    }

    /** Serve MCP over HTTP (the default). */
    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve MCP over Streamable HTTP (the default).")
    static final class Serve {
    }

    /** Print the configuration reference. */
    @Command(name = "config-doc", mixinStandardHelpOptions = true,
            description = "Print the configuration reference of every setting, HTTP included (Markdown).")
    static final class ConfigDocCommand {
    }

    /** Starts the launcher and exits with its status. */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        Launch.configureLogging(args, env);
        CountDownLatch finished = new CountDownLatch(1);
        int status = run(args, System.out, System.err, env, systemProperties(), http ->
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    http.close(); // drains requests in flight, then stops
                    try {
                        finished.await(10, TimeUnit.SECONDS); // let run() close the modules
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "burrow-http-shutdown")));
        finished.countDown();
        System.out.flush();
        System.exit(status);
    }

    static Map<String, String> systemProperties() {
        Map<String, String> m = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
        return m;
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand("serve", new Serve());
        cl.addSubcommand("config-doc", new ConfigDocCommand());
        return cl;
    }

    /**
     * Runs the launcher in-process; returns the exit status. {@code serve} returns once the server has
     * been closed (by {@code onStart}'s owner, or a shutdown hook it installed).
     *
     * @param onStart receives the running server (the launcher installs its SIGTERM hook here)
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
            Map<String, String> systemProperties, Consumer<BurrowHttpServer> onStart) {
        Launch.Prepared p;
        try {
            p = Launch.prepare(commandLine(), List.of(HttpSettings.class), args, env, systemProperties, out, err);
        } catch (Launch.Exit e) {
            return e.status();
        }
        Object command = p.leaf().commandSpec().userObject();
        if (command instanceof ConfigDocCommand) {
            out.print(ConfigDoc.render(p.catalog()));
            out.flush();
            return 0;
        }
        HttpSettings settings = p.settings().get(HttpSettings.class);
        try (BurrowServer server = p.newServer()) {
            BurrowHttpServer http;
            try {
                http = BurrowHttpServer.start(server, settings);
            } catch (HttpStartupException e) {
                err.println("Error: " + e.getMessage());
                return Launch.EXIT_USAGE;
            }
            err.println("Burrow MCP server listening on " + http.endpoint()
                    + (settings.stateless() ? " (stateless)" : "")
                    + (settings.authToken() != null ? " (bearer token required)" : ""));
            err.flush();
            onStart.accept(http);
            http.awaitClosed();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("server failed", e);
            err.println("Error: " + (e instanceof io.burrow.mcp.core.BurrowException be ? be.getMessage()
                    : "internal error, see the log above"));
            return 1;
        }
    }
}
